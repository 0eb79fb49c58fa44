package jp.jpkigate.consent.page;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import jp.jpkigate.consent.invitation.Invitation;
import jp.jpkigate.consent.record.ConsentRecord;
import jp.jpkigate.consent.signing.ConsentException;
import jp.jpkigate.consent.signing.ConsentProblem;
import jp.jpkigate.consent.signing.DocumentPurpose;
import jp.jpkigate.consent.signing.SignatureMessages;
import jp.jpkigate.consent.signing.SigningTransaction;
import jp.jpkigate.consent.statement.ConsentStatement;
import jp.jpkigate.idp.endpoint.Html;
import jp.jpkigate.idp.endpoint.QrSvg;
import jp.jpkigate.idp.login.LoginException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The person's consent pages, from {@code consent-pages/*.html} (read once, when the routes are built)
 * and the OP's {@code pages/error.html}, with the OP's page headers (strict CSP, scripts from 'self'
 * only, forms to 'self' only). Links are relative ({@code base} leads to the issuer's root), so the
 * pages work wherever the gateway mounts them. Every page is in Japanese and English; no page puts
 * personal data in a URL.
 */
public final class ConsentPages {
    private static final Logger LOG = LoggerFactory.getLogger(ConsentPages.class);
    public static final DateTimeFormatter JA_DATE = DateTimeFormatter.ofPattern("yyyy年M月d日");
    public static final DateTimeFormatter JA_TIME = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm:ss");
    public static final DateTimeFormatter EN_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'JST'");
    /** The CSP of pages with a form: the OP's, with {@code form-action 'self'}. */
    public static final String CSP_FORMS = Html.cspWithForms("'self'");

    private final String review;
    private final String start;
    private final String signing;
    private final String done;
    private final String error;

    /** Reads the templates from the classpath (blocking: build with the routes, not on an event loop). */
    public ConsentPages() {
        this.review = Html.resource("consent-pages/review.html");
        this.start = Html.resource("consent-pages/start.html");
        this.signing = Html.resource("consent-pages/signing.html");
        this.done = Html.resource("consent-pages/done.html");
        this.error = Html.resource("pages/error.html");
    }

    /** The invitation to review, with the form that opens its signing ({@code formAction} relative to the page). */
    public Future<Void> review(HttpServerResponse response, String base, Invitation invitation, String businessName,
                               Instant now, String formAction, String csrf) {
        Map<String, String> values = details(base, businessName, invitation.customerNumber(), invitation);
        values.put("purpose", invitation.purpose());
        values.put("dateJa", JA_DATE.format(now.atZone(ConsentRecord.JAPAN)));
        values.put("dateEn", ConsentStatement.date(now));
        values.put("formAction", formAction);
        values.put("csrf", csrf);
        return Html.page(response, 200, Html.render(review, values), CSP_FORMS);
    }

    /** The form to find an invitation by business and customer number; {@code optionsHtml} is escaped markup. */
    public Future<Void> start(HttpServerResponse response, String base, String optionsHtml, String csrf) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("base", base);
        values.put("optionsHtml", optionsHtml);
        values.put("csrf", csrf);
        return Html.page(response, 200, Html.render(start, values), CSP_FORMS);
    }

    /** The page that waits for the card: QR code and same-device link to the signer URL, polling. */
    public Future<Void> signing(HttpServerResponse response, String base, SigningTransaction txn, String signerUrl) {
        boolean consent = txn.purpose() == DocumentPurpose.CONSENT;
        Map<String, String> values = new LinkedHashMap<>();
        values.put("base", base);
        values.put("statusUrl", "status");
        values.put("continueUrl", "continue");
        values.put("titleJa", consent ? "マイナンバーカードで署名して同意する" : "マイナンバーカードで署名して同意を取り消す");
        values.put("titleEn", consent ? "Sign your consent with your My Number card" : "Sign the withdrawal with your My Number card");
        values.put("businessName", txn.clientName());
        values.put("qrSvg", QrSvg.render(signerUrl, "QR code of the signer URL"));
        values.put("signerUrl", signerUrl);
        values.put("statement", ConsentStatement.text(txn.statement()));
        values.put("expiresJa", JA_TIME.format(txn.expiresAt().atZone(ConsentRecord.JAPAN)));
        values.put("expiresEn", EN_TIME.format(txn.expiresAt().atZone(ConsentRecord.JAPAN)));
        return Html.page(response, 200, Html.render(signing, values));
    }

    /** What a finished step shows. */
    public enum Outcome {
        SIGNED("signed", "同意しました", "You have consented",
                "署名を確認し、同意を記録しました。J-LISへの登録が済むと有効になります。",
                "Your signature was verified and your consent recorded. It takes effect once J-LIS has registered it."),
        ALREADY_SIGNED("already-signed", "同意済みです", "You have already consented",
                "このご案内には、既にあなたが同意しています。", "You have already consented through this invitation."),
        WITHDRAWN("withdrawn", "同意を取り消しました", "Your consent is withdrawn",
                "署名を確認し、同意を取り消しました。取り消しはすぐに効力を持ちます。",
                "Your signature was verified and your consent withdrawn. The withdrawal takes effect at once.");

        final String wire;
        final String titleJa;
        final String titleEn;
        final String messageJa;
        final String messageEn;

        Outcome(String wire, String titleJa, String titleEn, String messageJa, String messageEn) {
            this.wire = wire;
            this.titleJa = titleJa;
            this.titleEn = titleEn;
            this.messageJa = messageJa;
            this.messageEn = messageEn;
        }
    }

    public Future<Void> done(HttpServerResponse response, String base, Outcome outcome, ConsentRecord consent,
                             String businessName, Instant now) {
        Map<String, String> values = details(base, businessName, consent.customerNumber(), null);
        values.put("itemsHtml", ItemWords.html(consent.items()));
        values.put("outcome", outcome.wire);
        values.put("titleJa", outcome.titleJa);
        values.put("titleEn", outcome.titleEn);
        values.put("messageJa", outcome.messageJa);
        values.put("messageEn", outcome.messageEn);
        StatusWords status = StatusWords.of(consent, now);
        values.put("statusJa", status.ja());
        values.put("statusEn", status.en());
        return Html.page(response, 200, Html.render(done, values));
    }

    private static Map<String, String> details(String base, String businessName, String customerNumber, Invitation invitation) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("base", base);
        values.put("businessName", businessName);
        values.put("customerNumber", customerNumber);
        if (invitation != null) {
            values.put("itemsHtml", ItemWords.html(invitation.items()));
        }
        return values;
    }

    /** The error page of a refused step ({@link ConsentException}, {@link LoginException}); anything else is a logged 500. */
    public Future<Void> failure(HttpServerResponse response, Throwable failure, String base, String step) {
        if (failure instanceof ConsentException refused) {
            ConsentProblem p = refused.problem();
            if (refused.jpkiError().isPresent()) {
                String code = refused.jpkiError().get();
                return error(response, p.httpStatus(), base, SignatureMessages.japanese(code), SignatureMessages.english(code), code);
            }
            return error(response, p.httpStatus(), base, p.messageJa(), p.messageEn(), p.code());
        }
        if (failure instanceof LoginException refused) {
            var p = refused.problem();
            return error(response, p.httpStatus(), base, p.messageJa(), p.messageEn(), p.code());
        }
        // The type only: messages may quote request data.
        LOG.error("{} failed: {}", step, failure.getClass().getName(), failure);
        return error(response, 500, base, "一時的なエラーが発生しました。しばらくしてからお試しください。",
                "A temporary error occurred. Please try again later.", "server_error");
    }

    private Future<Void> error(HttpServerResponse response, int status, String base, String ja, String en, String code) {
        return Html.page(response, status, Html.render(error, Map.of("base", base, "titleJa", "同意の手続きを続けられません",
                "titleEn", "The consent cannot continue", "messageJa", ja, "messageEn", en, "code", code)));
    }
}
