package jp.jpkigate.idp.endpoint;

import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;
import jp.jpkigate.idp.login.LoginException;
import jp.jpkigate.idp.login.LoginProblem;
import jp.jpkigate.idp.web.OAuthResponses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** JSON refusals of the login API, OAuth-style ({@code error}, {@code error_description}) plus {@code message_ja}. */
final class LoginJson {
    private static final Logger LOG = LoggerFactory.getLogger(LoginJson.class);

    private LoginJson() {
    }

    /** A transport-level refusal (415, 413) before the body is parsed. */
    static final class Status extends Exception {
        private static final long serialVersionUID = 1L;
        final int status;

        Status(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    static void fail(RoutingContext ctx, Throwable failure) {
        Map<String, Object> json = new LinkedHashMap<>();
        int status;
        if (failure instanceof LoginException login) {
            LoginProblem p = login.problem();
            status = p.httpStatus();
            json.put("error", p.code());
            json.put("error_description", p.messageEn());
            json.put("message_ja", p.messageJa());
        } else if (failure instanceof Status s) {
            status = s.status;
            json.put("error", "invalid_request");
            json.put("error_description", s.getMessage());
        } else {
            LOG.error("login API failure on {} {}: {}", ctx.request().method(), ctx.request().path(),
                    failure.getClass().getName(), failure);
            status = 500;
            json.put("error", "server_error");
        }
        OAuthResponses.json(ctx.response(), status, json);
    }
}
