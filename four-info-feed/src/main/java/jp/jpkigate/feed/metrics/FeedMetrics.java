package jp.jpkigate.feed.metrics;

import java.time.Duration;

/**
 * What the feed's delivery reports, per business. A small seam so an in-process registry
 * ({@link InProcessFeedMetrics}) can later give way to Micrometer; implementations are thread-safe
 * and never block.
 */
public interface FeedMetrics {
    /** An event was acknowledged, {@code latency} after it was created. */
    void delivered(String clientId, Duration latency);

    /** A delivery attempt failed and was scheduled again. */
    void retried(String clientId);

    /** An event was given up: refused by the receiver, or out of retries. */
    void deadLettered(String clientId);

    /** Reports nothing. */
    FeedMetrics NONE = new FeedMetrics() {
        @Override
        public void delivered(String clientId, Duration latency) {
        }

        @Override
        public void retried(String clientId) {
        }

        @Override
        public void deadLettered(String clientId) {
        }
    };
}
