package jp.jpkigate.revocation.web;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;

/**
 * Refuses a request whose Content-Type media type (parameters ignored) is not the one the endpoint
 * takes, with 415 (RFC 9110 15.5.16).
 */
final class RequireContentType implements Handler<RoutingContext> {
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
        String header = ctx.request().getHeader("Content-Type");
        if (header != null && (header.equals(mediaType) || mediaType(header).equals(mediaType))) {
            ctx.next();
        } else {
            ProblemWriter.send(ctx, Problem.UNSUPPORTED_MEDIA_TYPE.withDetail(
                    ctx.request().method() + " " + ctx.request().path() + " takes Content-Type: " + mediaType));
        }
    }
}
