package jp.jpkigate.feed.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {
    private static final Instant T0 = Instant.parse("2026-11-23T01:00:00Z");
    private final PushOptions options = PushOptions.defaults().withRetry(Duration.ofSeconds(1), Duration.ofMinutes(10), 20,
            Duration.ofHours(24));
    private final RetrySchedule schedule = new RetrySchedule(options, new Random(1));

    @Test
    void waitsAreFullJitterUnderAnExponentialCeilingUpToTheCap() {
        for (int failures = 1; failures < 20; failures++) {
            long ceiling = Math.min(Duration.ofMinutes(10).toMillis(), 1000L << (failures - 1));
            for (int i = 0; i < 200; i++) {
                Instant next = schedule.next(failures, T0, T0, Optional.empty()).orElseThrow();
                assertThat(Duration.between(T0, next).toMillis()).isBetween(0L, ceiling);
            }
        }
    }

    @Test
    void retryAfterIsAFloorButNeverBeyondTheCap() {
        assertThat(schedule.next(1, T0, T0, Optional.of(Duration.ofSeconds(30)))).contains(T0.plusSeconds(30));
        assertThat(schedule.next(1, T0, T0, Optional.of(Duration.ofDays(3)))).contains(T0.plus(Duration.ofMinutes(10)));
    }

    @Test
    void attemptsAndAgeRunOut() {
        assertThat(schedule.next(20, T0, T0, Optional.empty())).isEmpty();
        assertThat(schedule.next(19, T0, T0, Optional.empty())).isPresent();
        Instant late = T0.plus(Duration.ofHours(24));
        assertThat(schedule.next(2, T0, late, Optional.of(Duration.ofSeconds(1)))).isEmpty();
        assertThat(schedule.next(100, T0, T0, Optional.empty())).isEmpty();
    }

    @Test
    void optionsFailFastWithEveryMistake() {
        assertThat(PushOptions.defaults().validate()).isEqualTo(PushOptions.defaults());
        assertThatThrownBy(() -> new PushOptions(Duration.ZERO, Duration.ofSeconds(2), Duration.ofSeconds(1), 0,
                Duration.ZERO, 0, Duration.ZERO, Duration.ZERO, Duration.ZERO, 0, 0, 0).validate())
                .hasMessageContaining("timeout").hasMessageContaining("retryCap").hasMessageContaining("maxAttempts")
                .hasMessageContaining("batchSize").hasMessageContaining("connections");
        assertThatThrownBy(() -> PushOptions.defaults().withTimeout(Duration.ofMinutes(2)).validate())
                .hasMessageContaining("inFlight must be at least twice the timeout");
    }
}
