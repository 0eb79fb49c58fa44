package jp.jpkigate.feed.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@link FeedMetrics} in memory: counters per business and a delivery-latency histogram with fixed
 * buckets, written as Prometheus text ({@link #prometheus}) together with the outbox depths read
 * from the store at scrape time. Counters count since this process started, as Prometheus expects.
 */
public final class InProcessFeedMetrics implements FeedMetrics {
    /** Upper bounds of the latency buckets, in seconds: from a local receiver to a receiver back after an outage. */
    static final double[] BUCKETS = {0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600, 21600, 86400};

    private final Map<String, Business> businesses = new ConcurrentHashMap<>();

    /** One business's counters. */
    static final class Business {
        final LongAdder delivered = new LongAdder();
        final LongAdder retried = new LongAdder();
        final LongAdder deadLettered = new LongAdder();
        final LongAdder[] buckets = new LongAdder[BUCKETS.length];
        final LongAdder latencyMillis = new LongAdder();

        Business() {
            for (int i = 0; i < buckets.length; i++) {
                buckets[i] = new LongAdder();
            }
        }
    }

    private Business of(String clientId) {
        return businesses.computeIfAbsent(Objects.requireNonNull(clientId, "clientId"), c -> new Business());
    }

    @Override
    public void delivered(String clientId, Duration latency) {
        Business b = of(clientId);
        long millis = Math.max(0, latency.toMillis());
        b.delivered.increment();
        b.latencyMillis.add(millis);
        for (int i = 0; i < BUCKETS.length; i++) {
            if (millis <= BUCKETS[i] * 1000) {
                b.buckets[i].increment();
                break;
            }
        }
    }

    @Override
    public void retried(String clientId) {
        of(clientId).retried.increment();
    }

    @Override
    public void deadLettered(String clientId) {
        of(clientId).deadLettered.increment();
    }

    /** Delivered events of a business so far. */
    public long deliveredCount(String clientId) {
        Business b = businesses.get(clientId);
        return b == null ? 0 : b.delivered.sum();
    }

    /** Retries of a business so far. */
    public long retriedCount(String clientId) {
        Business b = businesses.get(clientId);
        return b == null ? 0 : b.retried.sum();
    }

    /**
     * The Prometheus text exposition (format 0.0.4) of the counters and the given gauges.
     *
     * @param depths      undelivered events per business, read from the outbox now
     * @param deadLetters dead letters per business, read from the outbox now
     */
    public String prometheus(Map<String, Long> depths, Map<String, Long> deadLetters) {
        PrometheusText text = new PrometheusText();
        text.gauge("jpkigate_feed_outbox_depth", "Events not yet delivered, per business.", new TreeMap<>(depths));
        text.gauge("jpkigate_feed_dead_letters", "Events in the dead-letter list, per business.", new TreeMap<>(deadLetters));
        Map<String, Business> sorted = new TreeMap<>(businesses);
        text.counter("jpkigate_feed_delivered_total", "Events acknowledged by their business.", sorted, b -> b.delivered.sum());
        text.counter("jpkigate_feed_retries_total", "Delivery attempts that failed and were scheduled again.", sorted,
                b -> b.retried.sum());
        text.counter("jpkigate_feed_dead_lettered_total", "Events given up (refused, or out of retries).", sorted,
                b -> b.deadLettered.sum());
        text.histogram("jpkigate_feed_delivery_latency_seconds", "From event creation to acknowledgement.", sorted);
        return text.toString();
    }
}
