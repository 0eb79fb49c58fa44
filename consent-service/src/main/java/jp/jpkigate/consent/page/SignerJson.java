package jp.jpkigate.consent.page;

import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;
import jp.jpkigate.consent.signing.ConsentException;
import jp.jpkigate.consent.signing.ConsentProblem;
import jp.jpkigate.idp.login.LoginException;
import jp.jpkigate.idp.web.OAuthResponses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JSON refusals of the signer API and the status endpoint, in the login API's shape:
 * {@code {"error", "error_description", "message_ja"}} with the problem's status; a body Vert.x
 * refused (too large: 413) keeps its status; anything unexpected is logged by type and answered 500.
 */
final class SignerJson {
    private static final Logger LOG = LoggerFactory.getLogger(SignerJson.class);

    private SignerJson() {
    }

    static void fail(RoutingContext ctx, Throwable failure) {
        Map<String, Object> json = new LinkedHashMap<>();
        int status;
        if (failure instanceof ConsentException refused) {
            ConsentProblem p = refused.problem();
            status = p.httpStatus();
            put(json, p.code(), p.messageEn(), p.messageJa());
        } else if (failure instanceof LoginException refused) {
            var p = refused.problem();
            status = p.httpStatus();
            put(json, p.code(), p.messageEn(), p.messageJa());
        } else {
            LOG.error("consent signer API failure on {}: {}", ctx.request().method(), failure.getClass().getName(), failure);
            status = 500;
            json.put("error", "server_error");
        }
        OAuthResponses.json(ctx.response(), status, json);
    }

    /** A refusal before the body is read (415, 413). */
    static void status(RoutingContext ctx, int status, String description) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("error", "invalid_request");
        json.put("error_description", description);
        OAuthResponses.json(ctx.response(), status, json);
    }

    private static void put(Map<String, Object> json, String code, String en, String ja) {
        json.put("error", code);
        json.put("error_description", en);
        json.put("message_ja", ja);
    }
}
