package jp.jpkigate.gateway.web;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.util.Optional;
import jp.jpkigate.revocation.web.RevocationRoutes;
import jp.jpkigate.gateway.redis.RedisHealth;

/**
 * The gateway's HTTP routes. Every error, including an unknown path (404) or method (405), is
 * answered as {@code application/problem+json}.
 */
public final class GatewayRouter {
    private GatewayRouter() {
    }

    /** A router with the health endpoints and the problem handlers. */
    public static Router create(Vertx vertx, RedisHealth redis) {
        return create(vertx, redis, Optional.empty(), Optional.empty());
    }

    /**
     * The same, plus the revocation cache's routes under {@code /revocation/} and the OpenID
     * Provider's (discovery, JWKS, PAR, authorize, login, token, userinfo) at the issuer's root. No
     * Prometheus text is served here: those are on the metrics listener only (MetricsVerticle).
     */
    public static Router create(Vertx vertx, RedisHealth redis, Optional<Router> revocation,
                                Optional<Router> openIdProvider) {
        Router router = Router.router(vertx);
        router.get("/health/live").handler(new LiveEndpoint());
        router.get("/health/ready").handler(new ReadyEndpoint(redis, Draining.of(vertx)));
        revocation.ifPresent(routes -> router.route(RevocationRoutes.MOUNT_POINT).subRouter(routes));
        openIdProvider.ifPresent(routes -> router.route("/*").subRouter(routes));
        router.route().failureHandler(new ProblemFailureHandler());
        router.errorHandler(404, ctx -> Problem.write(ctx, 404));
        router.errorHandler(405, ctx -> Problem.write(ctx, 405));
        router.errorHandler(500, ctx -> Problem.write(ctx, 500));
        return router;
    }
}
