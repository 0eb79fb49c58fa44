package jp.jpkigate.idp.endpoint;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import jp.jpkigate.idp.login.JpkiFailureMessages;
import jp.jpkigate.idp.login.LoginHandler;
import jp.jpkigate.idp.login.LoginProblem;
import jp.jpkigate.idp.login.LoginState;
import jp.jpkigate.idp.login.LoginSubmission;
import jp.jpkigate.idp.login.LoginTransaction;
import jp.jpkigate.idp.web.OAuthResponses;

/**
 * The signer app's API:
 * <pre>
 * GET  /login/{txn}  → 200 {"transaction", "signed_data" (base64url of {@code LoginSigningInput}),
 *                           "certificate": "auth"|"sign", "client_id", "client_name",
 *                           "expires_at" (epoch seconds), "submit_url"}
 * POST /login/{txn}  {"certificate": base64 DER, "signature": base64}
 *                    → 200 {"status": "verified", "certificate_type"}
 *                    → 200 {"status": "failed", "error": "&lt;JPKI error code&gt;", "message_ja", "message_en"}
 * </pre>
 * Refusals are JSON {@code {"error", "error_description", "message_ja"}}: 404 unknown or expired,
 * 409 already completed, 400 malformed body, 415 not JSON, 413 too large. The PIN or password
 * never reaches this API: it stays with the card.
 */
public final class LoginSignerEndpoint {
    private final LoginHandler login;

    public LoginSignerEndpoint(LoginHandler login) {
        this.login = Objects.requireNonNull(login, "login");
    }

    public void get(RoutingContext ctx) {
        String id = ctx.pathParam("txn");
        login.challenge(id)
                .compose(challenge -> {
                    LoginTransaction txn = challenge.transaction();
                    Map<String, Object> json = new LinkedHashMap<>();
                    json.put("transaction", txn.id());
                    json.put("signed_data", Base64.getUrlEncoder().withoutPadding().encodeToString(challenge.bytesToSign()));
                    json.put("certificate", txn.requirement().wireName());
                    json.put("client_id", txn.request().clientId());
                    json.put("client_name", txn.clientName());
                    json.put("expires_at", txn.expiresAt().getEpochSecond());
                    json.put("submit_url", login.issuer() + "/login/" + txn.id());
                    return OAuthResponses.json(ctx.response(), 200, json);
                })
                .onFailure(failure -> LoginJson.fail(ctx, failure));
    }

    public void post(RoutingContext ctx) {
        String id = ctx.pathParam("txn");
        readJson(ctx.request())
                .compose(body -> {
                    try {
                        LoginSubmission submission = LoginSubmission.parse(body.getBytes());
                        return login.submit(id, submission.certificateDer(), submission.signature());
                    } catch (jp.jpkigate.idp.login.LoginException e) {
                        return Future.failedFuture(e);
                    }
                })
                .compose(txn -> OAuthResponses.json(ctx.response(), 200, outcome(txn)))
                .onFailure(failure -> LoginJson.fail(ctx, failure));
    }

    private static Map<String, Object> outcome(LoginTransaction txn) {
        Map<String, Object> json = new LinkedHashMap<>();
        if (txn.state() == LoginState.VERIFIED) {
            json.put("status", "verified");
            json.put("certificate_type", txn.signer().orElseThrow().type().name());
        } else {
            String code = txn.failure().orElse("unknown");
            json.put("status", "failed");
            json.put("error", code);
            json.put("message_ja", JpkiFailureMessages.japanese(code));
            json.put("message_en", JpkiFailureMessages.english(code));
        }
        return json;
    }

    /** Reads an {@code application/json} body of at most {@link LoginSubmission#MAX_BODY_BYTES}. */
    private static Future<Buffer> readJson(HttpServerRequest request) {
        String type = request.getHeader("Content-Type");
        String media = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
        if (!media.equals("application/json")) {
            return Future.failedFuture(new LoginJson.Status(415, "Content-Type must be application/json"));
        }
        int limit = LoginSubmission.MAX_BODY_BYTES;
        String length = request.getHeader("Content-Length");
        if (length != null) {
            try {
                if (Long.parseLong(length.trim()) > limit) {
                    return Future.failedFuture(new LoginJson.Status(413, "request body too large"));
                }
            } catch (NumberFormatException e) {
                return Future.failedFuture(LoginProblem.INVALID_SUBMISSION.toException());
            }
        }
        if (request.isEnded()) {
            return Future.succeededFuture(Buffer.buffer());
        }
        Promise<Buffer> promise = Promise.promise();
        Buffer body = Buffer.buffer();
        request.exceptionHandler(promise::tryFail);
        request.handler(chunk -> {
            if (body.length() + chunk.length() > limit) {
                request.handler(null);
                promise.tryFail(new LoginJson.Status(413, "request body too large"));
            } else {
                body.appendBuffer(chunk);
            }
        });
        request.endHandler(v -> promise.tryComplete(body));
        request.resume();
        return promise.future();
    }
}
