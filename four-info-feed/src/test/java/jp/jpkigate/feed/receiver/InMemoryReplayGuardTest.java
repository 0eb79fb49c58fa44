package jp.jpkigate.feed.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import jp.jpkigate.testing.MutableClock;
import org.junit.jupiter.api.Test;

class InMemoryReplayGuardTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-04-01T00:00:00Z"));

    @Test
    void remembersUpToItsCapacityForgettingTheOldestFirst() {
        InMemoryReplayGuard guard = new InMemoryReplayGuard(3, Duration.ofDays(1), clock);
        for (String jti : new String[] {"a", "b", "c"}) {
            assertThat(guard.firstSeen(jti, clock.instant())).isTrue();
        }
        assertThat(guard.firstSeen("b", clock.instant())).isFalse();
        assertThat(guard.firstSeen("d", clock.instant())).isTrue();
        assertThat(guard.size()).isEqualTo(3);
        assertThat(guard.firstSeen("a", clock.instant())).as("forgotten").isTrue();
    }

    @Test
    void forgetsWhatTheVerifierWouldRefuseAsTooOld() {
        InMemoryReplayGuard guard = new InMemoryReplayGuard(100, Duration.ofHours(1), clock);
        guard.firstSeen("old", clock.instant());
        clock.advance(Duration.ofMinutes(61));
        guard.firstSeen("new", clock.instant());
        assertThat(guard.size()).isEqualTo(1);
        assertThat(guard.firstSeen("new", clock.instant())).isFalse();
    }
}
