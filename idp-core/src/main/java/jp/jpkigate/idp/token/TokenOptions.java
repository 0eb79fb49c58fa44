package jp.jpkigate.idp.token;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Lifetimes and secrets of the token slice. Immutable; the constructor fails listing every problem.
 *
 * @param accessTokenLifetime  JWT access tokens (RFC 9068), 1-60 min; default 5 min
 * @param idTokenLifetime      ID tokens, 1-60 min; default 5 min
 * @param refreshTokenLifetime absolute lifetime of a refresh-token family (rotation does not extend
 *                             it), 1 min - 90 days; default 14 days
 * @param codeLifetime         how long a code may be redeemed after issue (the store's TTL is the
 *                             same); default 60 s
 * @param accessTokenAudience  the access token's {@code aud}; empty → the OP's userinfo endpoint
 * @param pairwiseSecret       HMAC key of pairwise subjects, at least 32 bytes; never logged
 */
public record TokenOptions(Duration accessTokenLifetime, Duration idTokenLifetime, Duration refreshTokenLifetime,
                           Duration codeLifetime, Optional<String> accessTokenAudience, byte[] pairwiseSecret) {
    /** The longest a refresh-token family may live (whatever the options say). */
    public static final Duration MAX_REFRESH_TOKEN_LIFETIME = Duration.ofDays(90);

    public TokenOptions {
        Objects.requireNonNull(accessTokenLifetime, "accessTokenLifetime");
        Objects.requireNonNull(idTokenLifetime, "idTokenLifetime");
        Objects.requireNonNull(refreshTokenLifetime, "refreshTokenLifetime");
        Objects.requireNonNull(codeLifetime, "codeLifetime");
        Objects.requireNonNull(accessTokenAudience, "accessTokenAudience");
        pairwiseSecret = Objects.requireNonNull(pairwiseSecret, "pairwiseSecret").clone();
        List<String> problems = new ArrayList<>();
        if (!between(accessTokenLifetime, Duration.ofMinutes(1), Duration.ofMinutes(60))) {
            problems.add("accessTokenLifetime must be 1-60 min");
        }
        if (!between(idTokenLifetime, Duration.ofMinutes(1), Duration.ofMinutes(60))) {
            problems.add("idTokenLifetime must be 1-60 min");
        }
        if (!between(refreshTokenLifetime, Duration.ofMinutes(1), MAX_REFRESH_TOKEN_LIFETIME)) {
            problems.add("refreshTokenLifetime must be 1 min - 90 days");
        }
        if (!between(codeLifetime, Duration.ofSeconds(10), Duration.ofMinutes(10))) {
            problems.add("codeLifetime must be 10 s - 10 min");
        }
        if (pairwiseSecret.length < 32) {
            problems.add("pairwiseSecret must be at least 32 bytes");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("token options: " + String.join("; ", problems));
        }
    }

    /** 5 min access and ID tokens, 14-day refresh families, 60 s codes, audience = userinfo. */
    public static TokenOptions defaults(byte[] pairwiseSecret) {
        return new TokenOptions(Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofDays(14), Duration.ofSeconds(60),
                Optional.empty(), pairwiseSecret);
    }

    @Override
    public byte[] pairwiseSecret() {
        return pairwiseSecret.clone();
    }

    private static boolean between(Duration d, Duration min, Duration max) {
        return d.compareTo(min) >= 0 && d.compareTo(max) <= 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TokenOptions t && accessTokenLifetime.equals(t.accessTokenLifetime)
                && idTokenLifetime.equals(t.idTokenLifetime) && refreshTokenLifetime.equals(t.refreshTokenLifetime)
                && codeLifetime.equals(t.codeLifetime) && accessTokenAudience.equals(t.accessTokenAudience)
                && java.util.Arrays.equals(pairwiseSecret, t.pairwiseSecret);
    }

    @Override
    public int hashCode() {
        return Objects.hash(accessTokenLifetime, idTokenLifetime, refreshTokenLifetime, codeLifetime, accessTokenAudience);
    }

    @Override
    public String toString() {
        return "TokenOptions[access " + accessTokenLifetime + ", id " + idTokenLifetime + ", refresh " + refreshTokenLifetime
                + ", code " + codeLifetime + ", aud " + accessTokenAudience.orElse("userinfo") + "]";
    }
}
