package jp.jpkigate.feed.web;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import jp.jpkigate.feed.metrics.InProcessFeedMetrics;
import jp.jpkigate.feed.outbox.Outbox;

/**
 * {@code GET /feed/metrics}: the feed's metrics as Prometheus text — the in-process counters and
 * latency histogram, and per business the outbox depth and dead letters read from the store now
 * (so every replica reports the same gauges). An operations route: expose it on the internal
 * listener only.
 */
final class MetricsEndpoint implements Handler<RoutingContext> {
    private final InProcessFeedMetrics metrics;
    private final Outbox outbox;

    MetricsEndpoint(InProcessFeedMetrics metrics, Outbox outbox) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
    }

    @Override
    public void handle(RoutingContext ctx) {
        outbox.businesses().compose(clients -> {
            List<String> ids = List.copyOf(clients);
            List<Future<Long>> depths = ids.stream().map(outbox::depth).toList();
            List<Future<Long>> dead = ids.stream().map(outbox::deadLetterCount).toList();
            return Future.all(depths).compose(v -> Future.all(dead)).map(v -> {
                Map<String, Long> depth = new TreeMap<>();
                Map<String, Long> deadLetters = new TreeMap<>();
                for (int i = 0; i < ids.size(); i++) {
                    depth.put(ids.get(i), depths.get(i).result());
                    deadLetters.put(ids.get(i), dead.get(i).result());
                }
                return metrics.prometheus(depth, deadLetters);
            });
        }).onSuccess(text -> ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                .putHeader("Cache-Control", "no-store").end(text)).onFailure(ctx::fail);
    }
}
