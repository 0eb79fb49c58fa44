package jp.jpkigate.consent.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class RetryBackoffTest {
    private final RetryBackoff backoff = new RetryBackoff(Duration.ofSeconds(30), Duration.ofHours(1), new Random(1));

    @Property
    void theWaitDoublesWithJitterAndIsBounded(@ForAll @IntRange(min = -1, max = 1000) int failures) {
        long ceiling = Math.min(Duration.ofHours(1).toMillis(),
                30_000L * (1L << Math.min(Math.max(failures, 1) - 1, 20)));
        assertThat(backoff.delay(failures).toMillis()).isBetween(ceiling / 2, ceiling);
    }
}
