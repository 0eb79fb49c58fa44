package jp.jpkigate.gateway.web;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /health/live}: the process is up and its event loop answers; checks nothing else. */
public final class LiveEndpoint implements Handler<RoutingContext> {
    static final String BODY = "{\"status\":\"UP\"}";

    @Override
    public void handle(RoutingContext ctx) {
        ctx.response()
                .putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store")
                .end(BODY);
    }
}
