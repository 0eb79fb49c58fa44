package jp.jpkigate.consent.page;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import jp.jpkigate.consent.signing.DocumentSigning;
import jp.jpkigate.consent.signing.SignatureMessages;
import jp.jpkigate.consent.signing.SigningState;
import jp.jpkigate.consent.signing.SigningTransaction;
import jp.jpkigate.idp.login.LoginException;
import jp.jpkigate.idp.login.LoginSubmission;
import jp.jpkigate.idp.web.OAuthResponses;

/**
 * The signer app's API for documents, in the login's protocol (so the same signer app signs them):
 * <pre>
 * GET  /consent/sign/{txn}  → 200 {"transaction", "signed_data" (base64url of the statement), "certificate": "sign",
 *                                  "client_id", "client_name", "expires_at" (epoch seconds), "submit_url",
 *                                  "document": "consent"|"withdrawal"}
 * POST /consent/sign/{txn}  {"certificate": base64 DER, "signature": base64}
 *                           → 200 {"status": "verified", "certificate_type"}
 *                           → 200 {"status": "failed", "error": "&lt;JPKI error code&gt;", "message_ja", "message_en"}
 * </pre>
 * Refusals are JSON {@code {"error", "error_description", "message_ja"}}: 404 unknown, 410 expired, 409
 * already signed, 400 malformed body, 415 not JSON, 413 too large (the route's body limit).
 */
public final class SignerEndpoint {
    private final DocumentSigning signing;

    public SignerEndpoint(DocumentSigning signing) {
        this.signing = Objects.requireNonNull(signing, "signing");
    }

    public void get(RoutingContext ctx) {
        signing.challenge(ctx.pathParam("txn"))
                .compose(txn -> {
                    Map<String, Object> json = new LinkedHashMap<>();
                    json.put("transaction", txn.id());
                    json.put("signed_data", Base64.getUrlEncoder().withoutPadding().encodeToString(txn.statement()));
                    json.put("certificate", "sign");
                    json.put("client_id", txn.clientId());
                    json.put("client_name", txn.clientName());
                    json.put("expires_at", txn.expiresAt().getEpochSecond());
                    json.put("submit_url", signing.signerUrl(txn.id()));
                    json.put("document", txn.purpose().wireName());
                    return OAuthResponses.json(ctx.response(), 200, json);
                })
                .onFailure(failure -> SignerJson.fail(ctx, failure));
    }

    /** Needs the route's body handler (with its size limit) before it. */
    public void post(RoutingContext ctx) {
        String type = ctx.request().getHeader("Content-Type");
        String media = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!media.equals("application/json")) {
            SignerJson.status(ctx, 415, "Content-Type must be application/json");
            return;
        }
        Future<SigningTransaction> outcome;
        try {
            LoginSubmission submission = LoginSubmission.parse(ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes());
            outcome = signing.submit(ctx.pathParam("txn"), submission.certificateDer(), submission.signature());
        } catch (LoginException e) {
            outcome = Future.failedFuture(e);
        }
        outcome.compose(txn -> OAuthResponses.json(ctx.response(), 200, outcome(txn)))
                .onFailure(failure -> SignerJson.fail(ctx, failure));
    }

    private static Map<String, Object> outcome(SigningTransaction txn) {
        Map<String, Object> json = new LinkedHashMap<>();
        if (txn.state() == SigningState.VERIFIED) {
            json.put("status", "verified");
            json.put("certificate_type", txn.signer().orElseThrow().type().name());
        } else {
            String code = txn.failure().orElse("unknown");
            json.put("status", "failed");
            json.put("error", code);
            json.put("message_ja", SignatureMessages.japanese(code));
            json.put("message_en", SignatureMessages.english(code));
        }
        return json;
    }
}
