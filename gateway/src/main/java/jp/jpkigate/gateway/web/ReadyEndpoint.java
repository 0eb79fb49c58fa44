package jp.jpkigate.gateway.web;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import jp.jpkigate.gateway.redis.RedisHealth;

/**
 * {@code GET /health/ready}: whether this replica can serve, i.e. Redis answers {@code PING} in
 * time. 200 {@code {"status":"UP","checks":{"redis":"UP"}}}, else 503 with {@code DOWN}.
 */
public final class ReadyEndpoint implements Handler<RoutingContext> {
    private final RedisHealth redis;

    /** Checks readiness with {@code redis}. */
    public ReadyEndpoint(RedisHealth redis) {
        this.redis = redis;
    }

    @Override
    public void handle(RoutingContext ctx) {
        redis.isUp().onComplete(result -> {
            boolean up = result.succeeded() && result.result();
            String state = up ? "UP" : "DOWN";
            JsonObject body = new JsonObject()
                    .put("status", state)
                    .put("checks", new JsonObject().put("redis", state));
            ctx.response()
                    .setStatusCode(up ? 200 : 503)
                    .putHeader("Content-Type", "application/json")
                    .putHeader("Cache-Control", "no-store")
                    .end(body.encode());
        });
    }
}
