package jp.jpkigate.idp.web;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import java.util.Map;
import jp.jpkigate.idp.json.JsonText;
import jp.jpkigate.idp.oauth.OAuthError;

/**
 * Writes OAuth JSON responses: RFC 6749 §5.1 / §5.2 — {@code application/json;charset=UTF-8},
 * {@code Cache-Control: no-store}, {@code Pragma: no-cache}. {@code invalid_client} adds
 * {@code WWW-Authenticate} (RFC 6749 §5.2: "the authorization server MAY return an HTTP 401 ...
 * and MUST include the WWW-Authenticate response header field").
 */
public final class OAuthResponses {
    /** The realm named in {@code WWW-Authenticate}. */
    public static final String REALM = "jpkigate";

    private OAuthResponses() {
    }

    public static Future<Void> json(HttpServerResponse response, int status, Map<String, Object> body) {
        if (response.ended() || response.headWritten()) {
            return Future.succeededFuture();
        }
        return response.setStatusCode(status)
                .putHeader("Content-Type", "application/json;charset=UTF-8")
                .putHeader("Cache-Control", "no-store")
                .putHeader("Pragma", "no-cache")
                .end(JsonText.write(body));
    }

    public static Future<Void> error(HttpServerResponse response, OAuthError error) {
        if (!response.ended() && !response.headWritten() && error.httpStatus() == 401) {
            response.putHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\", error=\"" + error.code() + "\"");
        }
        return json(response, error.httpStatus(), error.toJsonObject());
    }
}
