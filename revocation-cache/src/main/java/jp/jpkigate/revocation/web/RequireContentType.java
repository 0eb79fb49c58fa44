package jp.jpkigate.revocation.web;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;

/**
 * Refuses a request whose Content-Type media type (parameters ignored) is not the one the endpoint
 * takes, with 415 (RFC 9110 15.5.16).
 */
final class RequireContentType implements Handler<RoutingContext> {
    private static final CharSequence CONTENT_TYPE = HttpHeaders.createOptimized("Content-Type");

    private final String mediaType;

    RequireContentType(String mediaType) {
        this.mediaType = mediaType;
    }

    private static String mediaType(String header) {
        int semicolon = header.indexOf(';');
        return (semicolon < 0 ? header : header.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (accepts(ctx.request())) {
            ctx.next();
        } else {
            ProblemWriter.send(ctx, refusal(ctx.request()));
        }
    }

    /** Whether the request's Content-Type is the endpoint's. */
    boolean accepts(HttpServerRequest request) {
        String header = request.getHeader(CONTENT_TYPE);
        return header != null && (header.equals(mediaType) || mediaType(header).equals(mediaType));
    }

    /** The 415 for a request {@link #accepts} refuses. */
    Problem refusal(HttpServerRequest request) {
        return Problem.UNSUPPORTED_MEDIA_TYPE.withDetail(request.method() + " " + request.path() + " takes Content-Type: " + mediaType);
    }
}
