package jp.jpkigate.gateway.web;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * An RFC 9457 problem detail ({@code application/problem+json}). Only the fixed title of the
 * status goes to the client, never an exception message or stack trace.
 */
public final class Problem {
    /** The media type of RFC 9457 §3. */
    public static final String MEDIA_TYPE = "application/problem+json";

    private Problem() {
    }

    /** The body for {@code status}: {@code type} about:blank, the status's reason phrase as {@code title}. */
    public static JsonObject body(int status) {
        return new JsonObject()
                .put("type", "about:blank")
                .put("title", HttpResponseStatus.valueOf(status).reasonPhrase())
                .put("status", status);
    }

    /**
     * Ends the response with the problem for {@code status}. If a response was already started, the
     * only honest signal left is to reset the stream, so that is done instead.
     */
    public static Future<Void> write(RoutingContext ctx, int status) {
        return write(ctx.response(), status);
    }

    /** The same on {@code response}. */
    public static Future<Void> write(HttpServerResponse response, int status) {
        if (response.headWritten()) {
            response.reset();
            return Future.succeededFuture();
        }
        return response
                .setStatusCode(status)
                .putHeader("Content-Type", MEDIA_TYPE)
                .putHeader("Cache-Control", "no-store")
                .end(body(status).encode());
    }
}
