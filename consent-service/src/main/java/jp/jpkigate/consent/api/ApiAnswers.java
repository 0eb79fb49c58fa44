package jp.jpkigate.consent.api;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.jpkigate.consent.invite.InvalidInvitationRequest;
import jp.jpkigate.idp.oauth.OAuthError;
import jp.jpkigate.idp.oauth.OAuthException;
import jp.jpkigate.idp.web.OAuthResponses;
import jp.jpkigate.idp.web.ProtectedResourceHttp;

/**
 * The write end of the consent API's endpoints: JSON answers ({@code no-store}), and every failure as
 * the specification it concerns shapes it — a token problem as RFC 6750 / RFC 9449 (status and
 * {@code WWW-Authenticate}), a bad request as RFC 6749 {@code invalid_request} (with {@code errors} for
 * the lines of a batch); anything else goes to the router's failure handler (503 when overloaded, else
 * 500 {@code server_error} without details).
 */
final class ApiAnswers {
    private ApiAnswers() {
    }

    static void json(RoutingContext ctx, int status, Map<String, Object> body) {
        OAuthResponses.json(ctx.response(), status, body);
    }

    /** Answers the JSON {@code answer} completes with, or its failure ({@link #fail}). */
    static void send(RoutingContext ctx, int status, Future<Map<String, Object>> answer) {
        answer.onSuccess(body -> json(ctx, status, body)).onFailure(failure -> fail(ctx, failure));
    }

    /** JSON already encoded (off the event loop), with the headers of {@link OAuthResponses#json}. */
    static void encodedJson(RoutingContext ctx, int status, String body) {
        if (!ctx.response().headWritten()) {
            ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json;charset=UTF-8")
                    .putHeader("Cache-Control", "no-store").putHeader("Pragma", "no-cache").end(body);
        }
    }

    static OAuthException badRequest(String description) {
        return OAuthError.INVALID_REQUEST.withDescription(description).toException();
    }

    /** A 404 for an id that is unknown or another business's: both look the same, so existence does not leak. */
    static OAuthException notFound(String what) {
        return OAuthError.INVALID_REQUEST.withStatus(404).withDescription("no such " + what).toException();
    }

    static void fail(RoutingContext ctx, Throwable failure) {
        if (ProtectedResourceHttp.answer(ctx.response(), failure)) {
            return;
        }
        if (failure instanceof OAuthException oauth) {
            OAuthResponses.error(ctx.response(), oauth.error());
        } else if (failure instanceof InvalidInvitationRequest invalid) {
            Map<String, Object> body = OAuthError.INVALID_REQUEST.withDescription(invalid.description()).toJsonObject();
            List<Object> lines = new ArrayList<>(invalid.lines().size());
            for (InvalidInvitationRequest.LineError line : invalid.lines()) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("index", line.index());
                line.customerNumber().ifPresent(n -> item.put("customer_number", n));
                item.put("message", line.message());
                lines.add(item);
            }
            if (!lines.isEmpty()) {
                body.put("errors", lines);
            }
            json(ctx, 400, body);
        } else {
            ctx.fail(failure);
        }
    }
}
