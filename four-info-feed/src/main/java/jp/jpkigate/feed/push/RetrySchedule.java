package jp.jpkigate.feed.push;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When to try a failed push again: exponential backoff with full jitter (a uniformly random wait
 * in [0, min(cap, base·2ⁿ⁻¹)] after the n-th failure), never before a receiver's
 * {@code Retry-After}, and not at all once the attempts or the age limit of {@link PushOptions}
 * are used up.
 */
public final class RetrySchedule {
    private final PushOptions options;
    private final RandomGenerator random;

    public RetrySchedule(PushOptions options, RandomGenerator random) {
        this.options = Objects.requireNonNull(options, "options");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * The next attempt after a failure, or empty to give up.
     *
     * @param failures      failed attempts so far, this one included (1 after the first failure)
     * @param retryingSince when the event was enqueued or re-queued
     * @param retryAfter    the receiver's {@code Retry-After}, if it sent one
     */
    public Optional<Instant> next(int failures, Instant retryingSince, Instant now, Optional<Duration> retryAfter) {
        if (failures >= options.maxAttempts()) {
            return Optional.empty();
        }
        long cap = options.retryCap().toMillis();
        long ceiling = failures > 40 ? cap : Math.min(cap, options.retryBase().toMillis() << Math.max(0, failures - 1));
        long wait = ceiling <= 0 ? 0 : random.nextLong(ceiling + 1);
        if (retryAfter.isPresent()) {
            wait = Math.max(wait, Math.min(cap, retryAfter.get().toMillis()));
        }
        Instant next = now.plusMillis(wait);
        return next.isAfter(retryingSince.plus(options.maxAge())) ? Optional.empty() : Optional.of(next);
    }
}
