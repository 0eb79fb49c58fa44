package jp.jpkigate.revocation.service;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import jp.jpkigate.revocation.index.CrlReason;

/**
 * The answer to "is this certificate valid right now?". Every answer says where it came from and
 * how fresh its data is; {@link Unknown} means "fail closed" unless a caller has explicitly chosen
 * otherwise for a named use.
 */
public sealed interface CheckResult {
    /** Which data answered. */
    enum Source { CRL, OCSP }

    /**
     * Not revoked.
     *
     * @param asOf    thisUpdate of the data that answered
     * @param version the cache data version (the same on every replica that loaded it), 0 for OCSP
     */
    record Good(Instant asOf, long version, Source source) implements CheckResult {
        public Good {
            Objects.requireNonNull(asOf, "asOf");
            Objects.requireNonNull(source, "source");
        }
    }

    /** Revoked (or on hold) since {@code revocationDate}. */
    record Revoked(CrlReason reason, LocalDate revocationDate, Instant asOf, long version, Source source)
            implements CheckResult {
        public Revoked {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(revocationDate, "revocationDate");
            Objects.requireNonNull(asOf, "asOf");
            Objects.requireNonNull(source, "source");
        }
    }

    /** No trustworthy answer: issuer not covered, data stale and OCSP silent, or OCSP said unknown. */
    record Unknown(String why) implements CheckResult {
        public Unknown {
            Objects.requireNonNull(why, "why");
        }
    }
}
