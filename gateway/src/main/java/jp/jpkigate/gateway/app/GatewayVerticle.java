package jp.jpkigate.gateway.app;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.redis.client.Redis;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import jp.jpkigate.gateway.config.GatewayConfig;
import jp.jpkigate.gateway.redis.RedisClients;
import jp.jpkigate.gateway.redis.RedisHealth;
import jp.jpkigate.gateway.web.GatewayRouter;

/**
 * The gateway's HTTP server: creates the shared Redis client, builds the router and listens.
 * {@link #start()} completes when the server listens (or fails with the reason it cannot).
 */
public final class GatewayVerticle extends VerticleBase {
    /** How long {@code /health/ready} waits for Redis to answer {@code PING}. */
    static final Duration READY_TIMEOUT = Duration.ofSeconds(1);

    private final GatewayConfig config;
    private final String redisUrl;
    private final String revocationPublisherUrl;
    private final Clock clock;
    private volatile Redis redis;
    private volatile RevocationModule revocation;
    private volatile HttpServer server;

    /**
     * Creates the verticle; nothing happens until it is deployed.
     *
     * @param config the validated configuration
     * @param redisUrl the Redis to use (the external one, or the embedded one's URL)
     * @param revocationPublisherUrl where CRLs and OCSP come from (the simulator in dev); null for no revocation cache
     * @param clock the time source handed to the modules wired here
     */
    public GatewayVerticle(GatewayConfig config, String redisUrl, String revocationPublisherUrl, Clock clock) {
        this.config = config;
        this.redisUrl = redisUrl;
        this.revocationPublisherUrl = revocationPublisherUrl;
        this.clock = clock;
    }

    @Override
    public Future<?> start() {
        redis = RedisClients.create(vertx, redisUrl);
        Future<Optional<Router>> revocationRoutes = revocationPublisherUrl == null
                ? Future.succeededFuture(Optional.empty())
                : RevocationModule.start(vertx, config, revocationPublisherUrl, redisUrl, clock).map(module -> {
                    revocation = module;
                    return Optional.of(module.routes());
                });
        return revocationRoutes.compose(routes -> vertx
                .createHttpServer(new HttpServerOptions().setHost(config.http().host()).setPort(config.http().port()))
                .requestHandler(GatewayRouter.create(vertx, new RedisHealth(redis, READY_TIMEOUT), routes))
                .listen()
                .onSuccess(listening -> server = listening));
    }

    @Override
    public Future<?> stop() {
        RevocationModule module = revocation;
        Future<Void> stopped = module == null ? Future.succeededFuture() : module.stop();
        return stopped.eventually(() -> redis == null ? Future.succeededFuture() : redis.close());
    }

    /** The revocation cache, once started. */
    public Optional<RevocationModule> revocation() {
        return Optional.ofNullable(revocation);
    }

    /** The port the server listens on (useful when configured with port 0); -1 before start. */
    public int actualPort() {
        HttpServer listening = server;
        return listening == null ? -1 : listening.actualPort();
    }

    /** The time source of this gateway. */
    public Clock clock() {
        return clock;
    }
}
