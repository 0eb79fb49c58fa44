package jp.jpkigate.revocation.responder;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A DER OCSPResponse and, for a signed (successful) one, the times HTTP caching is derived from
 * (RFC 5019 6.2: Last-Modified is thisUpdate, Expires is nextUpdate, max-age ends before nextUpdate).
 *
 * @param der        the DER OCSPResponse
 * @param thisUpdate the newest thisUpdate of its SingleResponses, empty for a status-only response
 * @param nextUpdate the earliest nextUpdate of its SingleResponses, empty for a status-only response
 */
public record OcspAnswer(byte[] der, Optional<Instant> thisUpdate, Optional<Instant> nextUpdate) {
    public OcspAnswer {
        Objects.requireNonNull(der, "der");
        Objects.requireNonNull(thisUpdate, "thisUpdate");
        Objects.requireNonNull(nextUpdate, "nextUpdate");
    }

    static OcspAnswer unsigned(byte[] der) {
        return new OcspAnswer(der, Optional.empty(), Optional.empty());
    }

    /** Whether this is a signed answer about certificates (responseStatus successful). */
    public boolean successful() {
        return nextUpdate.isPresent();
    }
}
