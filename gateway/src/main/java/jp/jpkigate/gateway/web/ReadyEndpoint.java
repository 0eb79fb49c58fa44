package jp.jpkigate.gateway.web;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import jp.jpkigate.gateway.redis.RedisHealth;

/**
 * {@code GET /health/ready}: whether this replica can serve, i.e. Redis answers {@code PING} in
 * time and it is not stopping. 200 {@code {"status":"UP","checks":{"redis":"UP"}}}, else 503 with
 * {@code DOWN}; while it drains 503 {@code {"status":"DOWN","checks":{"shutdown":"DRAINING"}}}.
 */
public final class ReadyEndpoint implements Handler<RoutingContext> {
    private final RedisHealth redis;
    private final Draining draining;

    /** Checks readiness with {@code redis}; never draining. */
    public ReadyEndpoint(RedisHealth redis) {
        this(redis, null);
    }

    /** Checks readiness with {@code redis}, and fails once {@code draining} has begun. */
    public ReadyEndpoint(RedisHealth redis, Draining draining) {
        this.redis = redis;
        this.draining = draining;
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (draining != null && draining.isDraining()) {
            write(ctx, false, new JsonObject().put("shutdown", "DRAINING"));
            return;
        }
        redis.isUp().onComplete(result -> {
            boolean up = result.succeeded() && result.result();
            write(ctx, up, new JsonObject().put("redis", up ? "UP" : "DOWN"));
        });
    }

    private static void write(RoutingContext ctx, boolean up, JsonObject checks) {
        JsonObject body = new JsonObject().put("status", up ? "UP" : "DOWN").put("checks", checks);
        ctx.response()
                .setStatusCode(up ? 200 : 503)
                .putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store")
                .end(body.encode());
    }
}
