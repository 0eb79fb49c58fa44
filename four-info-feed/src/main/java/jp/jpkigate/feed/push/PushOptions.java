package jp.jpkigate.feed.push;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How SETs are pushed (RFC 8935) and retried.
 *
 * @param timeout       per POST: connect, and the longest silence while waiting for the answer (default 10 s)
 * @param retryBase     the first retry waits up to this (default 1 s); each further one up to twice as long
 * @param retryCap      no retry waits longer (default 10 min): full jitter, a random wait in [0, min(cap, base·2ⁿ⁻¹)]
 * @param maxAttempts   attempts per event, the first included, before it is dead-lettered (default 100)
 * @param maxAge        an event still failing this long after it was enqueued (or re-queued) is
 *                      dead-lettered (default 72 h)
 * @param batchSize     events claimed and posted at once per business (default 256)
 * @param interval      between delivery runs (default 500 ms)
 * @param inFlight      a claimed event another replica may take over after this (default 2 min;
 *                      at least twice the timeout, so a live attempt is never doubled)
 * @param leaseDuration one replica pushes a business's events at a time; it holds the business's lease
 *                      this long per renewal (default 30 s)
 * @param maxRounds     claim-post-settle rounds per business per run, so one busy business cannot
 *                      starve the others (default 64)
 * @param connections   HTTP connections per receiver host (default 32)
 * @param lanes         claim-post-settle loops run side by side per business, so Redis round trips
 *                      overlap with HTTP (default 4); each claim hands out other events, and a consent
 *                      never has more than one in flight, so lanes keep its order
 */
public record PushOptions(Duration timeout, Duration retryBase, Duration retryCap, int maxAttempts, Duration maxAge,
                          int batchSize, Duration interval, Duration inFlight, Duration leaseDuration, int maxRounds,
                          int connections, int lanes) {
    public PushOptions {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(retryBase, "retryBase");
        Objects.requireNonNull(retryCap, "retryCap");
        Objects.requireNonNull(maxAge, "maxAge");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(inFlight, "inFlight");
        Objects.requireNonNull(leaseDuration, "leaseDuration");
    }

    public static PushOptions defaults() {
        return new PushOptions(Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofMinutes(10), 100,
                Duration.ofHours(72), 256, Duration.ofMillis(500), Duration.ofMinutes(2), Duration.ofSeconds(30), 64, 32, 4);
    }

    public PushOptions withTimeout(Duration value) {
        return new PushOptions(value, retryBase, retryCap, maxAttempts, maxAge, batchSize, interval, inFlight,
                leaseDuration, maxRounds, connections, lanes);
    }

    public PushOptions withRetry(Duration base, Duration cap, int attempts, Duration age) {
        return new PushOptions(timeout, base, cap, attempts, age, batchSize, interval, inFlight, leaseDuration,
                maxRounds, connections, lanes);
    }

    public PushOptions withBatchSize(int value) {
        return new PushOptions(timeout, retryBase, retryCap, maxAttempts, maxAge, value, interval, inFlight,
                leaseDuration, maxRounds, connections, lanes);
    }

    /** This, if every value is usable; otherwise fails with all the mistakes at once. */
    public PushOptions validate() {
        List<String> mistakes = new ArrayList<>();
        if (timeout.toMillis() < 1) {
            mistakes.add("timeout must be positive");
        }
        if (retryBase.toMillis() < 1 || retryCap.compareTo(retryBase) < 0) {
            mistakes.add("retryBase must be positive and retryCap at least retryBase");
        }
        if (maxAttempts < 1 || maxAttempts > 10_000) {
            mistakes.add("maxAttempts must be 1 to 10000");
        }
        if (maxAge.toMillis() < 1) {
            mistakes.add("maxAge must be positive");
        }
        if (batchSize < 1 || batchSize > 1000) {
            mistakes.add("batchSize must be 1 to 1000");
        }
        if (interval.toMillis() < 1) {
            mistakes.add("interval must be positive");
        }
        if (inFlight.compareTo(timeout.multipliedBy(2)) < 0) {
            mistakes.add("inFlight must be at least twice the timeout");
        }
        if (leaseDuration.toMillis() < 3 || leaseDuration.compareTo(interval) <= 0) {
            mistakes.add("leaseDuration must be longer than the interval");
        }
        if (maxRounds < 1) {
            mistakes.add("maxRounds must be positive");
        }
        if (connections < 1 || connections > 1000) {
            mistakes.add("connections must be 1 to 1000");
        }
        if (lanes < 1 || lanes > 64) {
            mistakes.add("lanes must be 1 to 64");
        }
        if (!mistakes.isEmpty()) {
            throw new IllegalArgumentException("push options: " + String.join("; ", mistakes));
        }
        return this;
    }
}
