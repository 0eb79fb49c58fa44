package jp.jpkigate.consent.registry;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter, bounded: after the n-th failure the next attempt waits a random time
 * between half and all of {@code min(max, initial · 2^(n-1))} ("equal jitter"), so replicas retrying after an
 * outage do not all call J-LIS at once, and no consent waits longer than {@code max} between attempts.
 */
public final class RetryBackoff {
    private final Duration initial;
    private final Duration max;
    private final RandomGenerator random;

    public RetryBackoff(Duration initial, Duration max, RandomGenerator random) {
        this.initial = Objects.requireNonNull(initial, "initial");
        this.max = Objects.requireNonNull(max, "max");
        this.random = Objects.requireNonNull(random, "random");
        if (initial.toMillis() < 1 || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff: 1 ms <= initial <= max");
        }
    }

    /** The wait after {@code failures} (≥ 1) failed attempts. */
    public Duration delay(int failures) {
        int doublings = Math.min(Math.max(failures, 1) - 1, 62);
        long ceiling = initial.toMillis() <= (max.toMillis() >> doublings) ? initial.toMillis() << doublings : max.toMillis();
        long half = ceiling / 2;
        return Duration.ofMillis(half + random.nextLong(ceiling - half + 1));
    }

    /** The longest wait {@link #delay} may answer. */
    public Duration max() {
        return max;
    }

    public Duration initial() {
        return initial;
    }
}
