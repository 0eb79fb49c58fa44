package jp.jpkigate.idp.endpoint;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import jp.jpkigate.idp.login.CertificateRequirement;
import jp.jpkigate.idp.login.LoginException;
import jp.jpkigate.idp.login.LoginProblem;
import jp.jpkigate.idp.login.LoginTransaction;
import jp.jpkigate.idp.oauth.OAuthError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The login page and the error page, from {@code pages/login.html} and {@code pages/error.html}
 * (read once, when the routes are built). Links are relative to {@code /authorize}, so the pages
 * work wherever the gateway mounts the OP.
 */
public final class LoginPages {
    private static final Logger LOG = LoggerFactory.getLogger(LoginPages.class);
    static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");
    static final DateTimeFormatter JA = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm:ss");
    static final DateTimeFormatter EN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'JST'");

    private final String issuer;
    private final String loginTemplate;
    private final String errorTemplate;

    public LoginPages(String issuer) {
        this.issuer = issuer;
        this.loginTemplate = Html.resource("pages/login.html");
        this.errorTemplate = Html.resource("pages/error.html");
    }

    /** The signer URL encoded in the QR code: {@code <issuer>/login/<id>}. */
    public String signerUrl(String transactionId) {
        return issuer + "/login/" + transactionId;
    }

    /** The page of {@code /authorize}: links relative to the issuer's root. */
    Future<Void> login(HttpServerResponse response, LoginTransaction txn) {
        return login(response, txn, "", "login/" + txn.id() + "/continue");
    }

    /**
     * The login page served {@code base} below the issuer's root ({@code ""} or {@code "../"}),
     * continuing to {@code continueUrl} (relative to the page) once the card has signed.
     */
    Future<Void> login(HttpServerResponse response, LoginTransaction txn, String base, String continueUrl) {
        boolean sign = txn.requirement() == CertificateRequirement.SIGNATURE;
        Map<String, String> values = new LinkedHashMap<>();
        values.put("base", base);
        values.put("statusUrl", base + "login/" + txn.id() + "/status");
        values.put("continueUrl", continueUrl);
        values.put("signerUrl", signerUrl(txn.id()));
        values.put("clientName", txn.clientName());
        values.put("certificateJa", sign
                ? "ご本人確認のため、署名用電子証明書（英数字6〜16桁のパスワード）で署名します。"
                : "利用者証明用電子証明書（数字4桁の暗証番号）で署名します。");
        values.put("certificateEn", sign
                ? "For identity verification, sign with the signature certificate (6-16 character password)."
                : "Sign with the user authentication certificate (4-digit PIN).");
        values.put("expiresJa", JA.format(txn.expiresAt().atZone(JAPAN)));
        values.put("expiresEn", EN.format(txn.expiresAt().atZone(JAPAN)));
        values.put("qrSvg", QrSvg.render(signerUrl(txn.id()), "QR code of the signer URL"));
        return Html.page(response, 200, Html.render(loginTemplate, values));
    }

    /** What an error page's heading says could not go on. */
    enum Heading {
        LOGIN("ログインできません", "The login cannot continue"),
        LOGOUT("ログアウトできません", "The logout cannot continue");

        private final String ja;
        private final String en;

        Heading(String ja, String en) {
            this.ja = ja;
            this.en = en;
        }
    }

    Future<Void> error(HttpServerResponse response, OAuthError error) {
        return error(response, error, "", Heading.LOGIN);
    }

    private Future<Void> error(HttpServerResponse response, OAuthError error, String base, Heading heading) {
        String en = error.description().orElse(error.code());
        String ja = switch (error.code()) {
            case "invalid_request_uri" -> "認可要求が見つからないか、期限切れか、既に使用されています。サービスからやり直してください。";
            case "server_error" -> "一時的なエラーが発生しました。しばらくしてからお試しください。";
            default -> "サービスからの要求が正しくありません。サービスからやり直してください。";
        };
        return errorPage(response, error.httpStatus() >= 500 ? 500 : 400, base, heading, ja, en, error.code());
    }

    Future<Void> error(HttpServerResponse response, LoginProblem problem) {
        // Pages for login/<id>/continue: the stylesheet is two levels up.
        return error(response, problem, "../../");
    }

    /** The error page of a refused step, served {@code base} below the issuer's root. */
    Future<Void> error(HttpServerResponse response, LoginProblem problem, String base) {
        return error(response, problem, base, Heading.LOGIN);
    }

    private Future<Void> error(HttpServerResponse response, LoginProblem problem, String base, Heading heading) {
        return errorPage(response, problem.httpStatus(), base, heading, problem.messageJa(), problem.messageEn(), problem.code());
    }

    private Future<Void> errorPage(HttpServerResponse response, int status, String base, Heading heading, String ja, String en,
                                   String code) {
        return Html.page(response, status, Html.render(errorTemplate, Map.of("base", base, "titleJa", heading.ja,
                "titleEn", heading.en, "messageJa", ja, "messageEn", en, "code", code)));
    }

    /**
     * The page for a failed step: a {@link LoginException}'s problem, an unexpected failure logged
     * (its type only: messages may quote request data) and answered 500 without details.
     */
    Future<Void> failure(HttpServerResponse response, Throwable failure, String base, String step) {
        return failure(response, failure, base, step, Heading.LOGIN);
    }

    /** {@link #failure(HttpServerResponse, Throwable, String, String)} under another heading. */
    Future<Void> failure(HttpServerResponse response, Throwable failure, String base, String step, Heading heading) {
        if (failure instanceof LoginException refused) {
            return error(response, refused.problem(), base, heading);
        }
        LOG.error("{} failed: {}", step, failure.getClass().getName(), failure);
        return error(response, OAuthError.SERVER_ERROR, base, heading);
    }
}
