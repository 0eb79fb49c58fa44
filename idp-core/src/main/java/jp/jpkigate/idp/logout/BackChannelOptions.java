package jp.jpkigate.idp.logout;

import java.time.Duration;
import java.util.Objects;

/**
 * How Logout Tokens are delivered (OpenID Connect Back-Channel Logout 1.0 §2.5).
 *
 * @param tokenLifetime {@code exp} after {@code iat}: the RP may reject older tokens (default 2 min)
 * @param timeout       per POST (default 5 s)
 * @param attempts      POSTs per client at most, the first included (default 3); only network
 *                      failures, timeouts and 5xx / 429 answers are tried again
 * @param retryDelay    before the second POST; doubled before each further one (default 1 s)
 */
public record BackChannelOptions(Duration tokenLifetime, Duration timeout, int attempts, Duration retryDelay) {
    public BackChannelOptions {
        Objects.requireNonNull(tokenLifetime, "tokenLifetime");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(retryDelay, "retryDelay");
        if (tokenLifetime.isNegative() || tokenLifetime.isZero() || timeout.isNegative() || timeout.isZero()
                || attempts < 1 || attempts > 10 || retryDelay.isNegative()) {
            throw new IllegalArgumentException("back-channel options: positive lifetime and timeout, 1-10 attempts, delay >= 0");
        }
    }

    public static BackChannelOptions defaults() {
        return new BackChannelOptions(Duration.ofMinutes(2), Duration.ofSeconds(5), 3, Duration.ofSeconds(1));
    }
}
