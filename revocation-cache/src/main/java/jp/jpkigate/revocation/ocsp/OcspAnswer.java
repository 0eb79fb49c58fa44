package jp.jpkigate.revocation.ocsp;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.revocation.index.CrlReason;

/**
 * A verified SingleResponse (RFC 6960 section 4.2.1).
 *
 * @param status         good, revoked or unknown (section 2.2)
 * @param reason         for REVOKED: the revocationReason, UNSPECIFIED when absent; null otherwise
 * @param revocationTime for REVOKED: when; null otherwise
 * @param thisUpdate     "the most recent time at which the status being indicated is known ... to have been correct"
 * @param nextUpdate     when newer information will be available; null if the responder did not say
 * @param producedAt     when the responder signed
 */
public record OcspAnswer(Status status, CrlReason reason, Instant revocationTime, Instant thisUpdate,
                         Instant nextUpdate, Instant producedAt) {
    /** CertStatus (section 4.2.1). */
    public enum Status { GOOD, REVOKED, UNKNOWN }

    public OcspAnswer {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(thisUpdate, "thisUpdate");
        Objects.requireNonNull(producedAt, "producedAt");
        if (status == Status.REVOKED && (reason == null || revocationTime == null)) {
            throw new IllegalArgumentException("a revoked answer has a reason and a time");
        }
    }

    public Optional<Instant> nextUpdateIfPresent() {
        return Optional.ofNullable(nextUpdate);
    }
}
