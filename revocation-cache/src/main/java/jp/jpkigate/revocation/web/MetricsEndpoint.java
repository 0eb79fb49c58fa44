package jp.jpkigate.revocation.web;

import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import jp.jpkigate.revocation.service.RevocationService;

/**
 * {@code GET /revocation/metrics}: the cache's index sizes, data age per issuer, hit ratio and counters
 * ({@link MetricsText}) for Prometheus. Unauthenticated like a scrape target: the gateway serves it
 * on its metrics listener only ({@link RevocationRoutes#addMetrics}), never on the public one.
 */
final class MetricsEndpoint {
    private final RevocationService service;
    private final Clock clock;

    MetricsEndpoint(RevocationService service, Clock clock) {
        this.service = service;
        this.clock = clock;
    }

    void handle(RoutingContext ctx) {
        String text = MetricsText.render(service.issuers(), service.metrics(), clock.instant());
        ctx.response().putHeader("Content-Type", MetricsText.CONTENT_TYPE).putHeader("Cache-Control", "no-store")
                .end(text);
    }
}
