package jp.jpkigate.feed.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FeedLinkOptionsTest {
    @Test
    void theDefaultsAreValid() {
        FeedLinkOptions defaults = FeedLinkOptions.defaults().validate();
        assertThat(defaults.followEvery()).isEqualTo(Duration.ofMillis(500));
        assertThat(defaults.giveUpAfter()).isEqualTo(Duration.ofDays(30));
    }

    @Test
    void everyMistakeIsNamedAtOnce() {
        FeedLinkOptions d = FeedLinkOptions.defaults();
        FeedLinkOptions bad = new FeedLinkOptions(Duration.ZERO, d.detectEvery(), d.provisionEvery(), d.statusCheckEvery(),
                d.leaseTtl(), d.jlisTimeout(), d.retryInitial(), d.retryMax(), Duration.ZERO, d.endedRetention(), 0,
                d.detectBatch(), d.provisionBatch(), d.statusPage());
        assertThatThrownBy(bad::validate).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("followEvery").hasMessageContaining("giveUpAfter").hasMessageContaining("page and batch");
        assertThatThrownBy(() -> d.withRetry(Duration.ofHours(2), Duration.ofHours(1), Duration.ofDays(1)).validate())
                .hasMessageContaining("retryMax");
        FeedLinkOptions shortLease = new FeedLinkOptions(d.followEvery(), d.detectEvery(), Duration.ofSeconds(8),
                d.statusCheckEvery(), d.leaseTtl(), d.jlisTimeout(), d.retryInitial(), d.retryMax(), d.giveUpAfter(),
                d.endedRetention(), d.followPage(), d.detectBatch(), d.provisionBatch(), d.statusPage());
        assertThatThrownBy(shortLease::validate).hasMessageContaining("leaseTtl");
    }
}
