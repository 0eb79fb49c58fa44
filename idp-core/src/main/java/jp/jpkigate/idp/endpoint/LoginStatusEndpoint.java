package jp.jpkigate.idp.endpoint;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import jp.jpkigate.idp.login.JpkiFailureMessages;
import jp.jpkigate.idp.login.LoginHandler;
import jp.jpkigate.idp.login.LoginProblem;
import jp.jpkigate.idp.login.LoginTransaction;
import jp.jpkigate.idp.web.OAuthResponses;

/**
 * {@code GET /login/{txn}/status} for the page's script (the browser holding the login cookie):
 * {@code {"status": "pending"|"verified"|"failed"|"expired"|"completed", "message_ja", "message_en"}},
 * with the JPKI {@code error} code when failed; a login awaiting consent is {@code verified} (the page
 * continues, and continue leads to the consent page). Unknown transactions, or another browser: 404 JSON.
 */
public final class LoginStatusEndpoint implements Handler<RoutingContext> {
    private final LoginHandler login;
    private final LoginCookie cookie;
    private final Clock clock;

    public LoginStatusEndpoint(LoginHandler login, Clock clock) {
        this.login = Objects.requireNonNull(login, "login");
        this.cookie = new LoginCookie(login.issuer());
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void handle(RoutingContext ctx) {
        login.status(ctx.pathParam("txn"), cookie.read(ctx.request()))
                .compose(txn -> OAuthResponses.json(ctx.response(), 200, body(txn)))
                .onFailure(failure -> LoginJson.fail(ctx, failure));
    }

    private Map<String, Object> body(LoginTransaction txn) {
        Map<String, Object> json = new LinkedHashMap<>();
        switch (txn.state()) {
            case PENDING -> {
                if (txn.isExpired(clock.instant())) {
                    put(json, "expired", LoginProblem.EXPIRED_TRANSACTION.messageJa(), LoginProblem.EXPIRED_TRANSACTION.messageEn());
                } else {
                    put(json, "pending", "カードでの署名を待っています…", "Waiting for the card to sign…");
                }
            }
            case VERIFIED, AWAITING_CONSENT -> put(json, "verified", "確認できました。続けます…", "Verified. Continuing…");
            case FAILED -> {
                String code = txn.failure().orElse("unknown");
                put(json, "failed", JpkiFailureMessages.japanese(code), JpkiFailureMessages.english(code));
                json.put("error", code);
            }
            case CONSUMED -> put(json, "completed", LoginProblem.ALREADY_COMPLETED.messageJa(),
                    LoginProblem.ALREADY_COMPLETED.messageEn());
        }
        return json;
    }

    private static void put(Map<String, Object> json, String status, String ja, String en) {
        json.put("status", status);
        json.put("message_ja", ja);
        json.put("message_en", en);
    }
}
