package jp.jpkigate.idp.limit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import jp.jpkigate.testing.MutableClock;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The token bucket never admits more than its burst plus what the elapsed time refilled, and says truly when to retry. */
class TokenBucketsProperties {
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    @Property(tries = 300)
    void admitsAtMostTheBurstPlusTheRefill(@ForAll @IntRange(min = 1, max = 600) int perMinute,
                                           @ForAll @IntRange(min = 1, max = 20) int burst,
                                           @ForAll @Size(max = 200) List<@IntRange(min = 0, max = 5000) Integer> gapsMillis) {
        MutableClock clock = new MutableClock(START);
        TokenBuckets buckets = new TokenBuckets(new RateLimitOptions(perMinute, burst), clock);
        long admitted = 0;
        for (int gap : gapsMillis) {
            clock.advance(Duration.ofMillis(gap));
            if (buckets.tryTake("c").isEmpty()) {
                admitted++;
            }
            long elapsed = Duration.between(START, clock.instant()).toMillis();
            assertThat(admitted).isLessThanOrEqualTo(burst + elapsed * perMinute / 60_000);
        }
    }

    @Property(tries = 200)
    void aRefusalsRetryAfterIsEnoughAndAtLeastASecond(@ForAll @IntRange(min = 1, max = 6000) int perMinute,
                                                      @ForAll @IntRange(min = 1, max = 5) int burst) {
        MutableClock clock = new MutableClock(START);
        TokenBuckets buckets = new TokenBuckets(new RateLimitOptions(perMinute, burst), clock);
        for (int i = 0; i < burst; i++) {
            assertThat(buckets.tryTake("c")).isEmpty();
        }
        Optional<Duration> wait = buckets.tryTake("c");
        assertThat(wait).isPresent();
        assertThat(wait.get()).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        clock.advance(wait.get());
        assertThat(buckets.tryTake("c")).isEmpty();
    }

    @Example
    void keysHaveTheirOwnBucketsAndOffAdmitsEverything() {
        MutableClock clock = new MutableClock(START);
        TokenBuckets buckets = new TokenBuckets(new RateLimitOptions(1, 1), clock);
        assertThat(buckets.tryTake("a")).isEmpty();
        assertThat(buckets.tryTake("a")).contains(Duration.ofSeconds(60));
        assertThat(buckets.tryTake("b")).isEmpty();
        clock.advance(Duration.ofHours(-1));
        assertThat(buckets.tryTake("a")).isPresent();
        TokenBuckets off = new TokenBuckets(RateLimitOptions.OFF, clock);
        for (int i = 0; i < 1000; i++) {
            assertThat(off.tryTake("a")).isEmpty();
        }
    }
}
