package jp.jpkigate.idp.key;

import com.nimbusds.jose.JWSAlgorithm;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How signing keys rotate. Immutable; the constructor fails listing every problem.
 *
 * @param algorithm        the algorithm of generated keys: ES256, PS256 or EdDSA
 * @param propagationDelay how long a key is in the JWKS before it may sign (relying parties cache
 *                         the JWKS); at least {@link #JWKS_MAX_AGE}; default 1 h
 * @param retention        how long a retiring key stays published: the longest lifetime of anything
 *                         it signed plus clock skew and the replicas' sync interval ({@link #retentionFor})
 * @param rotationPeriod   automatic rotation when the current key has signed this long; zero: only
 *                         on request; default 90 days
 * @param syncInterval     how often a replica looks for a key set changed by another one; 1 s - 5 min
 */
public record KeyRotationOptions(JWSAlgorithm algorithm, Duration propagationDelay, Duration retention,
                                 Duration rotationPeriod, Duration syncInterval) {
    /** How long relying parties may cache the JWKS ({@code Cache-Control: max-age}). */
    public static final Duration JWKS_MAX_AGE = Duration.ofMinutes(5);
    /** Tolerance for relying parties' clocks when they check {@code exp}. */
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(2);

    public KeyRotationOptions {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(propagationDelay, "propagationDelay");
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(rotationPeriod, "rotationPeriod");
        Objects.requireNonNull(syncInterval, "syncInterval");
        List<String> problems = new ArrayList<>();
        if (!JwsAlgorithms.isSupported(algorithm)) {
            problems.add("algorithm must be ES256, PS256 or EdDSA");
        }
        if (propagationDelay.compareTo(JWKS_MAX_AGE) < 0) {
            problems.add("propagationDelay must be at least the JWKS max-age (" + JWKS_MAX_AGE.toSeconds() + " s)");
        }
        if (retention.compareTo(CLOCK_SKEW) < 0) {
            problems.add("retention must cover the token lifetimes and clock skew");
        }
        if (!rotationPeriod.isZero() && rotationPeriod.compareTo(propagationDelay.plus(Duration.ofDays(1))) < 0) {
            problems.add("rotationPeriod must be zero (off) or at least a day longer than propagationDelay");
        }
        if (syncInterval.compareTo(Duration.ofSeconds(1)) < 0 || syncInterval.compareTo(Duration.ofMinutes(5)) > 0) {
            problems.add("syncInterval must be 1 s - 5 min");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("key rotation options: " + String.join("; ", problems));
        }
    }

    /**
     * How long a retiring key stays published: the longest of {@code lifetimes} (ID token, access
     * token, logout token ... — everything the OP signs) plus {@link #CLOCK_SKEW} plus one
     * {@code syncInterval} (a replica may sign with the old key until it sees the rotation).
     */
    public static Duration retentionFor(Duration syncInterval, Duration... lifetimes) {
        Duration longest = Duration.ZERO;
        for (Duration lifetime : lifetimes) {
            longest = lifetime.compareTo(longest) > 0 ? lifetime : longest;
        }
        return longest.plus(CLOCK_SKEW).plus(syncInterval);
    }

    /** ES256, 1 h propagation, 90-day rotation, 5 s sync, retention for these lifetimes. */
    public static KeyRotationOptions defaults(Duration... lifetimes) {
        Duration sync = Duration.ofSeconds(5);
        return new KeyRotationOptions(JWSAlgorithm.ES256, Duration.ofHours(1), retentionFor(sync, lifetimes),
                Duration.ofDays(90), sync);
    }
}
