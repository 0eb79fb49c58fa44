package jp.jpkigate.revocation.cache;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.revocation.index.Revocation;

/**
 * What the in-memory CRL data says about one serial. Only {@link Good} and {@link Revoked} are
 * answers a caller may rely on; {@link Stale} and {@link NotCovered} send it to OCSP or fail closed.
 */
public sealed interface CacheAnswer {
    /**
     * Not on any CRL of the issuer, all of them fresh.
     *
     * @param asOf    the oldest thisUpdate among the issuer's CRLs
     * @param version the highest data version among them
     */
    record Good(Instant asOf, long version) implements CacheAnswer {
        public Good {
            Objects.requireNonNull(asOf, "asOf");
        }
    }

    /** On a CRL of the issuer (the partition that lists it) whose data is fresh. */
    record Revoked(Revocation revocation, Instant asOf, long version) implements CacheAnswer {
        public Revoked {
            Objects.requireNonNull(revocation, "revocation");
            Objects.requireNonNull(asOf, "asOf");
        }
    }

    /**
     * Every CRL of the issuer is loaded, but at least one is older than nextUpdate plus the grace
     * (RFC 5280 section 5.1.2.5).
     *
     * @param why           which CRL and how old, for the caller's error detail
     * @param fromStaleData what the stale data would answer ({@link Good} or {@link Revoked}), for a
     *                      deployment that explicitly accepts stale data for a named use
     */
    record Stale(String why, Optional<CacheAnswer> fromStaleData) implements CacheAnswer {
        public Stale {
            Objects.requireNonNull(why, "why");
            Objects.requireNonNull(fromStaleData, "fromStaleData");
        }
    }

    /** No CRL source for the issuer, or one of its CRLs was never loaded. */
    record NotCovered(String why) implements CacheAnswer {
        public NotCovered {
            Objects.requireNonNull(why, "why");
        }
    }
}
