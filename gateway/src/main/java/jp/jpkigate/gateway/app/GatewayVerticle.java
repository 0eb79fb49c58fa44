package jp.jpkigate.gateway.app;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.redis.client.Redis;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import jp.jpkigate.consent.store.redis.ReplicaAckedRedis;
import jp.jpkigate.feed.metrics.InProcessFeedMetrics;
import jp.jpkigate.gateway.config.GatewayConfig;
import jp.jpkigate.gateway.config.LimitSettings;
import jp.jpkigate.gateway.redis.RedisClients;
import jp.jpkigate.gateway.redis.RedisHealth;
import jp.jpkigate.gateway.web.Draining;
import jp.jpkigate.gateway.web.GatewayRouter;
import jp.jpkigate.gateway.web.SlowClients;
import jp.jpkigate.revocation.web.CheckShortcut;

/**
 * The gateway's HTTP server: creates the shared Redis client, builds the router and listens (with
 * TLS and requested client certificates when configured: {@link HttpListenerOptions}), with slow
 * requests cut short ({@link SlowClients}).
 * {@link #start()} completes when the server listens (or fails with the reason it cannot).
 */
public final class GatewayVerticle extends VerticleBase {
    /** How long {@code /health/ready} waits for Redis to answer {@code PING}. */
    static final Duration READY_TIMEOUT = Duration.ofSeconds(1);

    private final GatewayConfig.Http http;
    private final int port;
    private final String redisUrl;
    private final GatewayConfig.ReplicaWait replicaWait;
    private final Optional<RevocationModule> revocation;
    private final Optional<OpenIdProviderModule> openIdProvider;
    private final Optional<String> jlisUrl;
    private final InProcessFeedMetrics feedMetrics;
    private final Clock clock;
    private final LimitSettings limits;
    private volatile ConsentModule consent;
    private volatile FeedModule feed;
    private volatile Redis redis;
    private volatile HttpServer server;

    /**
     * Creates the verticle; nothing happens until it is deployed.
     *
     * @param http where to listen
     * @param port the port to bind: {@code http.port()}, or the port the first instance got for port 0,
     *             so that all instances share one listening socket
     * @param redisUrl the Redis to use (the external one, or the embedded one's URL)
     * @param revocation the process's revocation cache, whose routes this instance serves
     * @param openIdProvider the process's OpenID Provider, whose routes this instance serves
     * @param jlisUrl J-LIS's consent registry: with it (and the OP) this instance serves the consent service too
     * @param feedMetrics the process's feed metrics, shared by all instances (the metrics listener serves them)
     * @param clock the time source handed to the modules wired here
     */
    public GatewayVerticle(GatewayConfig.Http http, int port, String redisUrl, Optional<RevocationModule> revocation,
                           Optional<OpenIdProviderModule> openIdProvider, Optional<String> jlisUrl,
                           InProcessFeedMetrics feedMetrics, Clock clock) {
        this(http, port, redisUrl, GatewayConfig.ReplicaWait.NONE, revocation, openIdProvider, jlisUrl, feedMetrics, clock,
                LimitSettings.DEFAULTS);
    }

    /**
     * The same, with consent writes acknowledged only once {@code replicaWait} replicas have them, and these limits
     * on slow requests ({@link SlowClients}).
     */
    public GatewayVerticle(GatewayConfig.Http http, int port, String redisUrl, GatewayConfig.ReplicaWait replicaWait,
                           Optional<RevocationModule> revocation, Optional<OpenIdProviderModule> openIdProvider,
                           Optional<String> jlisUrl, InProcessFeedMetrics feedMetrics, Clock clock, LimitSettings limits) {
        this.http = http;
        this.limits = limits;
        this.port = port;
        this.redisUrl = redisUrl;
        this.replicaWait = replicaWait;
        this.revocation = revocation;
        this.openIdProvider = openIdProvider;
        this.jlisUrl = jlisUrl;
        this.feedMetrics = feedMetrics;
        this.clock = clock;
    }

    @Override
    public Future<?> start() {
        redis = RedisClients.create(vertx, redisUrl);
        Optional<Router> revocationRoutes = revocation.map(module -> module.routes(vertx));
        Future<Optional<Router>> opRoutes = openIdProvider.isEmpty() ? Future.succeededFuture(Optional.empty())
                : vertx.executeBlocking(() -> Optional.of(opRoutes(openIdProvider.get())));
        return opRoutes.compose(op -> guarded(GatewayRouter.create(vertx, new RedisHealth(redis, READY_TIMEOUT),
                        revocationRoutes, op))
                .listen()
                .onSuccess(listening -> {
                    server = listening;
                    if (consent != null) {
                        consent.start();
                    }
                    if (feed != null) {
                        feed.start();
                    }
                }));
    }

    /**
     * The listener serving {@code router} under the slow-request limits, the usual validity check ahead of
     * it ({@link CheckShortcut}: the router's walk costs as much as the check).
     */
    private HttpServer guarded(Router router) {
        SlowClients guard = new SlowClients(vertx, limits.requestHead(), limits.keepAlive(), limits.requestBody());
        HttpServer server = vertx.createHttpServer(HttpListenerOptions.of(http, port));
        return revocation.map(module -> module.checkShortcut(vertx))
                .map(check -> guard.guard(server, router, check::takes, check))
                .orElseGet(() -> guard.guard(server, router));
    }

    /**
     * The OP's routes and, with J-LIS, the consent service's on the same router (the pages share the OP's),
     * and with the revocation cache too, the latest-4-information feed.
     */
    private Router opRoutes(OpenIdProviderModule op) {
        Router router = op.routes(vertx, redis);
        jlisUrl.ifPresent(url -> {
            consent = ConsentModule.mount(router, vertx,
                    ReplicaAckedRedis.wrap(redis, replicaWait.replicas(), replicaWait.timeout()), op, url, clock);
            revocation.ifPresent(cache -> feed = FeedModule.mount(router, vertx, redis, op, cache.service(), url,
                    consent.digests(), feedMetrics, clock));
        });
        return router;
    }

    /** Drains the listener first (graceful when the gateway is {@link Draining}), then stops what serves it. */
    @Override
    public Future<?> stop() {
        Future<Void> stopped = Draining.of(vertx).shutdown(server)
                .eventually(() -> Future.all(consent == null ? Future.succeededFuture() : consent.stop(),
                        feed == null ? Future.succeededFuture() : feed.stop()).mapEmpty());
        return stopped.eventually(() -> redis == null ? Future.succeededFuture() : redis.close());
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
