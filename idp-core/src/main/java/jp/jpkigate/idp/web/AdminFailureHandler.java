package jp.jpkigate.idp.web;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;
import jp.jpkigate.idp.admin.KeyAdministration;
import jp.jpkigate.idp.admin.RegistrationException;
import jp.jpkigate.idp.key.KeyRotationException;
import jp.jpkigate.idp.oauth.OAuthException;
import jp.jpkigate.idp.token.BearerTokenException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin router's failure handler: every error as JSON {@code {"error", "error_description"}}
 * with {@code Cache-Control: no-store} — RFC 7591 §3.2.2 errors with their status, 401 with
 * {@code WWW-Authenticate: Bearer}, 409 for a rotation that cannot happen yet, routing statuses
 * (404, 405, 413) as {@code invalid_request}; anything else is logged (type only) and answered
 * {@code 500 server_error} without details.
 */
public final class AdminFailureHandler implements Handler<RoutingContext> {
    private static final Logger LOG = LoggerFactory.getLogger(AdminFailureHandler.class);

    @Override
    public void handle(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        if (failure instanceof RegistrationException refused) {
            OAuthResponses.json(ctx.response(), refused.status(), refused.toJsonObject());
        } else if (failure instanceof BearerTokenException bearer) {
            ctx.response().putHeader("WWW-Authenticate", bearer.wwwAuthenticate(AdminAuthenticationHandler.REALM));
            OAuthResponses.json(ctx.response(), bearer.code().status(), error(bearer.code().value() == null ? "unauthorized"
                    : bearer.code().value(), bearer.description()));
        } else if (failure instanceof KeyRotationException refused) {
            Map<String, Object> body = error(KeyAdministration.errorCode(refused), refused.getMessage());
            refused.retryAt().ifPresent(at -> body.put("retry_at", at.toString()));
            OAuthResponses.json(ctx.response(), 409, body);
        } else if (failure instanceof OAuthException malformed) {
            OAuthResponses.error(ctx.response(), malformed.error());
        } else if (failure == null && ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
            OAuthResponses.json(ctx.response(), ctx.statusCode(), error("invalid_request",
                    ctx.statusCode() == 404 ? "not found" : ctx.statusCode() == 405 ? "method not allowed" : "bad request"));
        } else {
            LOG.error("admin API: unexpected failure on {} {}: {}", ctx.request().method(), ctx.request().path(),
                    failure == null ? "status " + ctx.statusCode() : failure.getClass().getName(), failure);
            OAuthResponses.json(ctx.response(), 500, error("server_error", "unexpected condition"));
        }
    }

    private static Map<String, Object> error(String code, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("error_description", description);
        return body;
    }
}
