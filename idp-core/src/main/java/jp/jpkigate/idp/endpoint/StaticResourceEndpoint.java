package jp.jpkigate.idp.endpoint;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/**
 * {@code GET /static/login.js} and {@code /static/login.css}: the pages' only script and style,
 * read from {@code pages/static/} once when the routes are built and served from memory. Anything
 * else under {@code /static} is 404.
 */
public final class StaticResourceEndpoint implements Handler<RoutingContext> {
    private final Map<String, Buffer> files;

    public StaticResourceEndpoint() {
        files = Map.of("login.js", Buffer.buffer(Html.resource("pages/static/login.js")),
                "login.css", Buffer.buffer(Html.resource("pages/static/login.css")));
    }

    @Override
    public void handle(RoutingContext ctx) {
        String name = ctx.pathParam("file");
        Buffer body = name == null ? null : files.get(name);
        if (body == null) {
            Html.secure(ctx.response()).setStatusCode(404).putHeader("Content-Type", "text/plain;charset=UTF-8").end("not found");
            return;
        }
        Html.secure(ctx.response()).putHeader("Cache-Control", "public, max-age=300")
                .putHeader("Content-Type", name.endsWith(".js") ? "text/javascript;charset=UTF-8" : "text/css;charset=UTF-8")
                .end(body);
    }
}
