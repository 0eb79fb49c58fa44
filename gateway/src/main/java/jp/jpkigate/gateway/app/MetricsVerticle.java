package jp.jpkigate.gateway.app;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.redis.client.Redis;
import java.time.Clock;
import java.util.Optional;
import jp.jpkigate.feed.metrics.InProcessFeedMetrics;
import jp.jpkigate.feed.outbox.redis.RedisOutbox;
import jp.jpkigate.feed.web.FeedRoutes;
import jp.jpkigate.gateway.config.MetricsSettings;
import jp.jpkigate.gateway.redis.RedisClients;
import jp.jpkigate.gateway.web.MetricsEndpoint;
import jp.jpkigate.gateway.web.Problem;

/**
 * The metrics listener, on a port of its own ({@code metrics.port}) for Prometheus inside the cluster:
 * <pre>
 * GET /metrics             the Vert.x and JVM meters (Micrometer), when the Vert.x records them
 * GET /revocation/metrics  the revocation cache's text, when the cache runs
 * GET /feed/metrics        the 4-information feed's text (it names every business), when the feed runs
 * </pre>
 * Nothing else is served there, and none of these on the public listener. It stops after the public
 * listener, so its drain is still scraped.
 */
public final class MetricsVerticle extends VerticleBase {
    private final MetricsSettings settings;
    private final Optional<PrometheusMeterRegistry> registry;
    private final Optional<RevocationModule> revocation;
    private final Optional<Feed> feed;
    private volatile Redis redis;
    private volatile HttpServer server;

    /**
     * What {@code /feed/metrics} reads: the process's counters and, through a Redis client of this
     * verticle's own, the outbox depth and dead letters per business.
     */
    public record Feed(InProcessFeedMetrics metrics, String redisUrl, Clock clock) {
    }

    /** Serves only {@code registry} where {@code settings} say. */
    public MetricsVerticle(MetricsSettings settings, PrometheusMeterRegistry registry) {
        this(settings, Optional.of(registry), Optional.empty(), Optional.empty());
    }

    /** Serves what is present where {@code settings} say. */
    public MetricsVerticle(MetricsSettings settings, Optional<PrometheusMeterRegistry> registry,
                           Optional<RevocationModule> revocation, Optional<Feed> feed) {
        this.settings = settings;
        this.registry = registry;
        this.revocation = revocation;
        this.feed = feed;
    }

    @Override
    public Future<?> start() {
        Router router = Router.router(vertx);
        registry.ifPresent(meters -> router.get("/metrics").handler(new MetricsEndpoint(meters)));
        revocation.ifPresent(module -> module.addMetrics(router));
        feed.ifPresent(source -> {
            redis = RedisClients.create(vertx, source.redisUrl());
            FeedRoutes.addMetrics(router, source.metrics(), new RedisOutbox(redis, source.clock()));
        });
        router.errorHandler(404, ctx -> Problem.write(ctx, 404));
        router.errorHandler(405, ctx -> Problem.write(ctx, 405));
        router.errorHandler(500, ctx -> Problem.write(ctx, 500));
        return vertx.createHttpServer(new HttpServerOptions().setHost(settings.host()).setPort(settings.port()))
                .requestHandler(router)
                .listen()
                .onSuccess(listening -> server = listening);
    }

    /** Stops listening, then closes the feed's Redis client. */
    @Override
    public Future<?> stop() {
        HttpServer listening = server;
        Future<Void> closed = listening == null ? Future.succeededFuture() : listening.close();
        return closed.eventually(() -> redis == null ? Future.succeededFuture() : redis.close());
    }

    /** The port it listens on; -1 before it does. */
    public int actualPort() {
        HttpServer listening = server;
        return listening == null ? -1 : listening.actualPort();
    }
}
