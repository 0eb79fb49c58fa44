package jp.jpkigate.idp.jpki;

import java.time.Instant;
import java.util.Objects;
import jp.jpkigate.revocation.index.CrlReason;

/** What a revocation source says about one certificate. */
public sealed interface RevocationStatus {
    /**
     * Not revoked, according to data current as of {@code asOf} (e.g. the CRL's thisUpdate or the
     * OCSP response's producedAt).
     */
    record Good(Instant asOf) implements RevocationStatus {
        public Good {
            Objects.requireNonNull(asOf, "asOf");
        }
    }

    /** Revoked (or on hold) since {@code revokedAt} for {@code reason}. */
    record Revoked(CrlReason reason, Instant revokedAt) implements RevocationStatus {
        public Revoked {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(revokedAt, "revokedAt");
        }
    }

    /** The source does not know (no data for the issuer, stale data, responder said unknown). */
    record Unknown(String detail) implements RevocationStatus {
        public Unknown {
            Objects.requireNonNull(detail, "detail");
        }
    }

    static RevocationStatus good(Instant asOf) {
        return new Good(asOf);
    }

    static RevocationStatus revoked(CrlReason reason, Instant revokedAt) {
        return new Revoked(reason, revokedAt);
    }

    static RevocationStatus unknown(String detail) {
        return new Unknown(detail);
    }
}
