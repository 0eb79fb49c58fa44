package jp.jpkigate.idp.dpop;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * How DPoP proofs are checked. Immutable; the constructor fails listing every problem.
 *
 * @param maxAge        how old a proof's {@code iat} may be (RFC 9449 §4.3 check 11, §11.1); 5 s - 5 min,
 *                      default 60 s: proofs are minted just before their request, and clients are
 *                      server-side RPs with synchronised clocks; the window bounds the replay cache
 * @param maxFuture     how far ahead of the OP's clock {@code iat} may be; 0-60 s, default 5 s: a
 *                      small skew allowance, and no room to pre-generate proofs for later use
 * @param requireNonces whether every proof must carry a server nonce (RFC 9449 §8, §9)
 * @param nonceLifetime the nonce time bucket; a nonce is accepted in its bucket and the next, so
 *                      1-2 lifetimes; 10 s - 10 min, default 60 s
 * @param nonceKey      HMAC key of the nonces, at least 32 bytes when nonces are required; shared by
 *                      every replica (derive it with {@link #deriveNonceKey}); never logged
 */
public record DpopOptions(Duration maxAge, Duration maxFuture, boolean requireNonces, Duration nonceLifetime,
                          byte[] nonceKey) {
    private static final String NONCE_KEY_LABEL = "jpkigate dpop nonce key v1";

    public DpopOptions {
        Objects.requireNonNull(maxAge, "maxAge");
        Objects.requireNonNull(maxFuture, "maxFuture");
        Objects.requireNonNull(nonceLifetime, "nonceLifetime");
        nonceKey = Objects.requireNonNull(nonceKey, "nonceKey").clone();
        List<String> problems = new ArrayList<>();
        if (maxAge.compareTo(Duration.ofSeconds(5)) < 0 || maxAge.compareTo(Duration.ofMinutes(5)) > 0) {
            problems.add("maxAge must be 5 s - 5 min");
        }
        if (maxFuture.isNegative() || maxFuture.compareTo(Duration.ofSeconds(60)) > 0) {
            problems.add("maxFuture must be 0-60 s");
        }
        if (nonceLifetime.compareTo(Duration.ofSeconds(10)) < 0 || nonceLifetime.compareTo(Duration.ofMinutes(10)) > 0) {
            problems.add("nonceLifetime must be 10 s - 10 min");
        }
        if (requireNonces && nonceKey.length < 32) {
            problems.add("nonceKey must be at least 32 bytes when nonces are required");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("DPoP options: " + String.join("; ", problems));
        }
    }

    /** 60 s past, 5 s future, nonces required in 60 s buckets. */
    public static DpopOptions defaults(byte[] nonceKey) {
        return new DpopOptions(Duration.ofSeconds(60), Duration.ofSeconds(5), true, Duration.ofSeconds(60), nonceKey);
    }

    /** The defaults without server nonces (proofs are still single use and time-bounded). */
    public static DpopOptions withoutNonces() {
        return new DpopOptions(Duration.ofSeconds(60), Duration.ofSeconds(5), false, Duration.ofSeconds(60), new byte[0]);
    }

    /**
     * A nonce key derived from a secret every replica already shares (the pairwise-subject secret):
     * HMAC-SHA256 under that secret of a fixed label (HKDF-Expand's construction, one block), so the
     * nonce key reveals nothing of the secret and no new secret has to be distributed.
     */
    public static byte[] deriveNonceKey(byte[] sharedSecret) {
        return jp.jpkigate.idp.key.DerivedKeys.derive(sharedSecret, NONCE_KEY_LABEL);
    }

    /** How long a proof's {@code jti} must be remembered: as long as its {@code iat} can pass. */
    public Duration replayWindow() {
        return maxAge.plus(maxFuture);
    }

    @Override
    public byte[] nonceKey() {
        return nonceKey.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DpopOptions d && maxAge.equals(d.maxAge) && maxFuture.equals(d.maxFuture)
                && requireNonces == d.requireNonces && nonceLifetime.equals(d.nonceLifetime)
                && Arrays.equals(nonceKey, d.nonceKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxAge, maxFuture, requireNonces, nonceLifetime);
    }

    @Override
    public String toString() {
        return "DpopOptions[iat -" + maxAge.toSeconds() + " s / +" + maxFuture.toSeconds() + " s, nonces "
                + (requireNonces ? "required, " + nonceLifetime.toSeconds() + " s buckets" : "off") + "]";
    }
}
