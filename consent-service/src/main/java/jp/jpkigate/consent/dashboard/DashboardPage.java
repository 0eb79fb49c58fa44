package jp.jpkigate.consent.dashboard;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import jp.jpkigate.consent.page.ConsentPages;
import jp.jpkigate.consent.page.ItemWords;
import jp.jpkigate.consent.page.StatusWords;
import jp.jpkigate.consent.record.ConsentRecord;
import jp.jpkigate.consent.record.Registration;
import jp.jpkigate.idp.endpoint.Html;

/**
 * The person's consents ({@code consent-pages/dashboard.html}) at {@code /account/consents}: per consent
 * the business, customer number, items, signed date, last valid day, status, and — while it is in
 * force — a withdraw form ({@code POST consents/withdraw} with {@code csrf} and {@code consent_id}).
 */
final class DashboardPage {
    /** The page is one level below the issuer's root. */
    static final String BASE = "../";

    private final String template;

    DashboardPage() {
        this.template = Html.resource("consent-pages/dashboard.html");
    }

    Future<Void> render(HttpServerResponse response, ConsentDashboard.View view, Instant now) {
        StringBuilder entries = new StringBuilder();
        for (ConsentDashboard.Entry entry : view.entries()) {
            entries.append(entry(entry, now));
        }
        if (view.entries().isEmpty()) {
            entries.append("<p id=\"no-consents\"><span lang=\"ja\">同意している事業者はありません。</span><br>"
                    + "<span lang=\"en\" class=\"en\">You have not consented with any business.</span></p>\n");
        }
        Map<String, String> values = new LinkedHashMap<>();
        values.put("base", BASE);
        values.put("entriesHtml", entries.toString());
        values.put("expiresJa", ConsentPages.JA_TIME.format(view.sessionExpiresAt().atZone(ConsentRecord.JAPAN)));
        values.put("expiresEn", ConsentPages.EN_TIME.format(view.sessionExpiresAt().atZone(ConsentRecord.JAPAN)));
        return Html.page(response, 200, Html.render(template, values), ConsentPages.CSP_FORMS);
    }

    private static String entry(ConsentDashboard.Entry entry, Instant now) {
        ConsentRecord c = entry.consent();
        StatusWords status = StatusWords.of(c, now);
        String validJa = c.registration().map(Registration::validUntil).map(d -> ConsentPages.JA_DATE.format(d) + "まで")
                .orElse("J-LISへの登録後に確定します");
        String validEn = c.registration().map(r -> "until " + r.validUntil()).orElse("set once J-LIS registers it");
        String signed = c.signedAt().atZone(ConsentRecord.JAPAN).toLocalDate().toString();
        return "<section class=\"consent\" data-consent-id=\"" + Html.escape(c.id()) + "\" data-status=\"" + status.wire() + "\">\n"
                + "<h2 class=\"business\">" + Html.escape(entry.businessName()) + "</h2>\n<dl>\n"
                + "<dt><span lang=\"ja\">お客様番号</span> / <span lang=\"en\">Customer number</span></dt>"
                + "<dd class=\"customer-number\">" + Html.escape(c.customerNumber()) + "</dd>\n"
                + "<dt><span lang=\"ja\">提供される情報</span> / <span lang=\"en\">Information provided</span></dt>"
                + "<dd><ul class=\"items\">\n" + ItemWords.html(c.items()) + "</ul></dd>\n"
                + "<dt><span lang=\"ja\">同意日</span> / <span lang=\"en\">Signed</span></dt>"
                + "<dd class=\"signed\">" + Html.escape(signed) + "</dd>\n"
                + "<dt><span lang=\"ja\">有効期間</span> / <span lang=\"en\">Valid</span></dt>"
                + "<dd class=\"valid-until\"><span lang=\"ja\">" + Html.escape(validJa) + "</span> / <span lang=\"en\">"
                + Html.escape(validEn) + "</span></dd>\n"
                + "<dt><span lang=\"ja\">状態</span> / <span lang=\"en\">Status</span></dt>"
                + "<dd class=\"status\"><span lang=\"ja\">" + Html.escape(status.ja()) + "</span> / <span lang=\"en\">"
                + Html.escape(status.en()) + "</span></dd>\n</dl>\n"
                + (c.state().isFinal() ? "" : "<form class=\"withdraw\" method=\"post\" action=\"consents/withdraw\">\n"
                        + "<input type=\"hidden\" name=\"csrf\" value=\"" + Html.escape(entry.csrf()) + "\">\n"
                        + "<input type=\"hidden\" name=\"consent_id\" value=\"" + Html.escape(c.id()) + "\">\n"
                        + "<button class=\"withdraw-button\"><span lang=\"ja\">同意を取り消す</span> / <span lang=\"en\">Withdraw</span>"
                        + "</button>\n</form>\n")
                + "</section>\n";
    }
}
