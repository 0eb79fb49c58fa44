package jp.jpkigate.feed.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InProcessFeedMetricsTest {
    @Test
    void countersAndTheLatencyHistogramAreCumulativePerBusiness() {
        InProcessFeedMetrics metrics = new InProcessFeedMetrics();
        metrics.delivered("bank", Duration.ofMillis(30));
        metrics.delivered("bank", Duration.ofSeconds(2));
        metrics.delivered("bank", Duration.ofHours(2));
        metrics.retried("bank");
        metrics.deadLettered("bank");
        String text = metrics.prometheus(Map.of("bank", 4L), Map.of("bank", 1L));
        assertThat(text).contains("jpkigate_feed_outbox_depth{client=\"bank\"} 4\n")
                .contains("jpkigate_feed_dead_letters{client=\"bank\"} 1\n")
                .contains("jpkigate_feed_delivered_total{client=\"bank\"} 3\n")
                .contains("jpkigate_feed_retries_total{client=\"bank\"} 1\n")
                .contains("jpkigate_feed_dead_lettered_total{client=\"bank\"} 1\n")
                .contains("jpkigate_feed_delivery_latency_seconds_bucket{client=\"bank\",le=\"0.01\"} 0\n")
                .contains("jpkigate_feed_delivery_latency_seconds_bucket{client=\"bank\",le=\"0.05\"} 1\n")
                .contains("jpkigate_feed_delivery_latency_seconds_bucket{client=\"bank\",le=\"2.5\"} 2\n")
                .contains("jpkigate_feed_delivery_latency_seconds_bucket{client=\"bank\",le=\"21600.0\"} 3\n")
                .contains("jpkigate_feed_delivery_latency_seconds_bucket{client=\"bank\",le=\"+Inf\"} 3\n")
                .contains("jpkigate_feed_delivery_latency_seconds_sum{client=\"bank\"} 7202.03\n")
                .contains("jpkigate_feed_delivery_latency_seconds_count{client=\"bank\"} 3\n");
    }

    @Test
    void labelValuesAreEscaped() {
        assertThat(new InProcessFeedMetrics().prometheus(Map.of("a\"b\\c\nd", 1L), Map.of()))
                .contains("jpkigate_feed_outbox_depth{client=\"a\\\"b\\\\c\\nd\"} 1\n");
    }
}
