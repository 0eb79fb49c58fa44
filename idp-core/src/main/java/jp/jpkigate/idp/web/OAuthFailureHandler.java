package jp.jpkigate.idp.web;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import jp.jpkigate.idp.limit.RateLimitedException;
import jp.jpkigate.idp.oauth.OAuthError;
import jp.jpkigate.idp.oauth.OAuthException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OP router's failure handler: an {@link OAuthException} is written as its error; a routing
 * status (405, 413, ...) as {@code invalid_request} with that status; an overload (a full Redis
 * connection pool queue) or Redis out of reach ({@link Unavailable}) as {@code 503 temporarily_unavailable}
 * with {@code Retry-After}; a client over its rate limit as {@code 429 temporarily_unavailable} with
 * {@code Retry-After}; anything else is logged and
 * answered {@code 500 server_error} without details (Fosite: unknown errors never leak).
 */
public final class OAuthFailureHandler implements Handler<RoutingContext> {
    private static final Logger LOG = LoggerFactory.getLogger(OAuthFailureHandler.class);

    @Override
    public void handle(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        Optional<Unavailable.Kind> unavailable = Unavailable.of(failure);
        OAuthError error;
        if (failure instanceof OAuthException oauth) {
            error = oauth.error();
        } else if (failure == null && ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
            error = OAuthError.INVALID_REQUEST.withStatus(ctx.statusCode()).withDescription(describe(ctx.statusCode()));
        } else if (failure instanceof RateLimitedException limited) {
            // RFC 6585 §4; the error member says what to do, as temporarily_unavailable does elsewhere.
            ctx.response().putHeader("Retry-After", Long.toString(limited.retryAfterSeconds()));
            error = OAuthError.TEMPORARILY_UNAVAILABLE.withStatus(429)
                    .withDescription("too many requests from this client; retry after " + limited.retryAfterSeconds() + " s");
        } else if (unavailable.isPresent()) {
            // No log line per request: at overload that would add to the load; Redis down shows in /health/ready.
            ctx.response().putHeader("Retry-After", unavailable.get().retryAfterSeconds);
            error = OAuthError.TEMPORARILY_UNAVAILABLE.withDescription(unavailable.get().description);
        } else {
            // Only the exception type and route: messages of library exceptions may quote request data.
            LOG.error("unexpected failure on {} {}: {}", ctx.request().method(), ctx.request().path(),
                    failure == null ? "status " + ctx.statusCode() : failure.getClass().getName(), failure);
            error = OAuthError.SERVER_ERROR;
        }
        OAuthResponses.error(ctx.response(), error);
    }

    private static String describe(int status) {
        return switch (status) {
            case 404 -> "not found";
            case 405 -> "method not allowed";
            case 413 -> "request body too large";
            case 415 -> "unsupported content type";
            default -> "bad request";
        };
    }
}
