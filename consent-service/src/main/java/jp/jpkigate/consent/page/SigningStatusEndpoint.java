package jp.jpkigate.consent.page;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import jp.jpkigate.consent.signing.ConsentProblem;
import jp.jpkigate.consent.signing.DocumentSigning;
import jp.jpkigate.consent.signing.SignatureMessages;
import jp.jpkigate.consent.signing.SigningTransaction;
import jp.jpkigate.idp.web.OAuthResponses;

/**
 * {@code GET …/sign/{txn}/status} for the signing page's script ({@code login.js}), for the browser that
 * opened the transaction: {@code {"status": "pending"|"verified"|"failed"|"expired"|"completed",
 * "message_ja", "message_en"}} (with the JPKI {@code error} when failed), in the login status's shape.
 * Unknown, or another browser: JSON 404 / 403.
 */
public final class SigningStatusEndpoint implements Handler<RoutingContext> {
    private final DocumentSigning signing;
    private final Function<HttpServerRequest, Optional<String>> secret;
    private final Clock clock;

    /** {@code secret} reads the browser's binding secret (the consent cookie, or the account session id). */
    public SigningStatusEndpoint(DocumentSigning signing, Function<HttpServerRequest, Optional<String>> secret, Clock clock) {
        this.signing = Objects.requireNonNull(signing, "signing");
        this.secret = Objects.requireNonNull(secret, "secret");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void handle(RoutingContext ctx) {
        signing.status(ctx.pathParam("txn"), secret.apply(ctx.request()))
                .compose(txn -> OAuthResponses.json(ctx.response(), 200, body(txn)))
                .onFailure(failure -> SignerJson.fail(ctx, failure));
    }

    private Map<String, Object> body(SigningTransaction txn) {
        Map<String, Object> json = new LinkedHashMap<>();
        switch (txn.state()) {
            case PENDING -> {
                if (txn.isExpired(clock.instant())) {
                    put(json, "expired", ConsentProblem.EXPIRED_TRANSACTION.messageJa(), ConsentProblem.EXPIRED_TRANSACTION.messageEn());
                } else {
                    put(json, "pending", "カードでの署名を待っています…", "Waiting for the card to sign…");
                }
            }
            case VERIFIED -> put(json, "verified", "確認できました。続けます…", "Verified. Continuing…");
            case FAILED -> {
                String code = txn.failure().orElse("unknown");
                put(json, "failed", SignatureMessages.japanese(code), SignatureMessages.english(code));
                json.put("error", code);
            }
            case CONSUMED -> put(json, "completed", ConsentProblem.ALREADY_COMPLETED.messageJa(),
                    ConsentProblem.ALREADY_COMPLETED.messageEn());
        }
        return json;
    }

    private static void put(Map<String, Object> json, String status, String ja, String en) {
        json.put("status", status);
        json.put("message_ja", ja);
        json.put("message_en", en);
    }
}
