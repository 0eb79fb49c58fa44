package jp.jpkigate.gateway.app;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import jp.jpkigate.gateway.config.MetricsSettings;
import jp.jpkigate.gateway.web.MetricsEndpoint;
import jp.jpkigate.gateway.web.Problem;

/**
 * The metrics listener: {@code GET /metrics} on a port of its own ({@code metrics.port}), for
 * Prometheus inside the cluster; nothing else is served there. It stops last, so the drain of the
 * public listener is still scraped.
 */
public final class MetricsVerticle extends VerticleBase {
    private final MetricsSettings settings;
    private final PrometheusMeterRegistry registry;
    private volatile HttpServer server;

    /** Serves {@code registry} where {@code settings} say. */
    public MetricsVerticle(MetricsSettings settings, PrometheusMeterRegistry registry) {
        this.settings = settings;
        this.registry = registry;
    }

    @Override
    public Future<?> start() {
        Router router = Router.router(vertx);
        router.get("/metrics").handler(new MetricsEndpoint(registry));
        router.errorHandler(404, ctx -> Problem.write(ctx, 404));
        router.errorHandler(405, ctx -> Problem.write(ctx, 405));
        return vertx.createHttpServer(new HttpServerOptions().setHost(settings.host()).setPort(settings.port()))
                .requestHandler(router)
                .listen()
                .onSuccess(listening -> server = listening);
    }

    /** The port it listens on; -1 before it does. */
    public int actualPort() {
        HttpServer listening = server;
        return listening == null ? -1 : listening.actualPort();
    }
}
