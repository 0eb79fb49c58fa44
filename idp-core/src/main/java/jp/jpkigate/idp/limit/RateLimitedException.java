package jp.jpkigate.idp.limit;

import java.time.Duration;
import java.util.Objects;

/**
 * A request refused because its client used up its rate limit: answered {@code 429} with
 * {@code Retry-After} (RFC 6585 §4). An expected outcome, so no stack trace.
 */
public final class RateLimitedException extends Exception {
    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    public RateLimitedException(Duration retryAfter) {
        super("rate limited; retry after " + retryAfter.toSeconds() + " s", null, false, false);
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    /** Whole seconds, at least one. */
    public long retryAfterSeconds() {
        return Math.max(1, retryAfter.toSeconds());
    }
}
