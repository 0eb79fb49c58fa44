package jp.jpkigate.idp.limit;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One token bucket per key, in memory: a key's bucket starts full ({@code burst} tokens), refills
 * at {@code perMinute} tokens a minute up to {@code burst}, and each admitted request takes one.
 * Thread-safe (one instance serves every event loop of a process). Time comes from the injected
 * clock; a clock that goes backwards refills nothing. The keys must come from a bounded set (the
 * registered clients): buckets are never forgotten.
 */
public final class TokenBuckets {
    private final RateLimitOptions options;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public TokenBuckets(RateLimitOptions options, Clock clock) {
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Takes a token from {@code key}'s bucket: empty when the request is admitted, else how long
     * until the next token (at least a second, rounded up to whole seconds for {@code Retry-After}).
     */
    public Optional<Duration> tryTake(String key) {
        if (options.isOff()) {
            return Optional.empty();
        }
        long now = clock.millis();
        return buckets.computeIfAbsent(key, k -> new Bucket(options.burst(), now)).take(now, options);
    }

    private static final class Bucket {
        /** Tokens scaled by 60,000 (one token = one minute of refill at 1 a minute), to stay in integers. */
        private long scaled;
        private long lastMillis;

        Bucket(int burst, long now) {
            this.scaled = burst * 60_000L;
            this.lastMillis = now;
        }

        synchronized Optional<Duration> take(long now, RateLimitOptions options) {
            long capacity = options.burst() * 60_000L;
            if (now > lastMillis) {
                scaled = Math.min(capacity, scaled + (now - lastMillis) * options.perMinute());
                lastMillis = now;
            }
            if (scaled >= 60_000L) {
                scaled -= 60_000L;
                return Optional.empty();
            }
            long missingMillis = (60_000L - scaled + options.perMinute() - 1) / options.perMinute();
            return Optional.of(Duration.ofSeconds(Math.max(1, (missingMillis + 999) / 1000)));
        }
    }
}
