package jp.jpkigate.idp.endpoint;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import jp.jpkigate.idp.account.AccountHandler;
import jp.jpkigate.idp.approval.Approval;

/**
 * The person's approvals page ({@code pages/account.html}), served at {@code /account/approvals}:
 * per approval the client's name, what it shares, when it was given, and a revoke form
 * ({@code POST approvals/revoke} with {@code csrf} and {@code client_id}). Forms may post to the
 * OP only ({@code form-action 'self'}).
 */
final class AccountPage {
    /** The page is one level below the issuer's root. */
    static final String BASE = "../";

    private final String template;

    AccountPage() {
        this.template = Html.resource("pages/account.html");
    }

    Future<Void> render(HttpServerResponse response, AccountHandler.View view) {
        StringBuilder entries = new StringBuilder();
        for (AccountHandler.Entry entry : view.entries()) {
            entries.append(entry(entry, view.csrf()));
        }
        if (view.entries().isEmpty()) {
            entries.append("<p id=\"no-approvals\"><span lang=\"ja\">情報の提供に同意しているサービスはありません。</span><br>"
                    + "<span lang=\"en\" class=\"en\">You have not approved sharing with any service.</span></p>\n");
        }
        Map<String, String> values = new LinkedHashMap<>();
        values.put("base", BASE);
        values.put("entriesHtml", entries.toString());
        values.put("expiresJa", LoginPages.JA.format(view.sessionExpiresAt().atZone(LoginPages.JAPAN)));
        values.put("expiresEn", LoginPages.EN.format(view.sessionExpiresAt().atZone(LoginPages.JAPAN)));
        return Html.page(response, 200, Html.render(template, values), Html.cspWithForms("'self'"));
    }

    private static String entry(AccountHandler.Entry entry, String csrf) {
        Approval a = entry.approval();
        String four = SharingWords.html(SharingWords.fourInformation(a.granted()));
        return "<section class=\"approval\" data-client-id=\"" + Html.escape(a.clientId()) + "\">\n"
                + "<h2>" + Html.escape(entry.clientName()) + "</h2>\n"
                + "<p class=\"date\"><span lang=\"ja\">同意した日時：" + LoginPages.JA.format(a.approvedAt().atZone(LoginPages.JAPAN))
                + "</span><br><span lang=\"en\" class=\"en\">Approved at " + LoginPages.EN.format(a.approvedAt().atZone(LoginPages.JAPAN))
                + "</span></p>\n"
                + "<ul class=\"sharing\">\n" + SharingWords.html(SharingWords.general(a.granted())) + "</ul>\n"
                + (four.isEmpty() ? "" : "<p class=\"four-info-note\"><span lang=\"ja\">マイナンバーカードの基本4情報：</span>"
                        + "<span lang=\"en\" class=\"en\">The 4 information from your card:</span></p>\n<ul class=\"items\">\n"
                        + four + "</ul>\n")
                + "<form class=\"revoke\" method=\"post\" action=\"approvals/revoke\">\n"
                + "<input type=\"hidden\" name=\"csrf\" value=\"" + Html.escape(csrf) + "\">\n"
                + "<input type=\"hidden\" name=\"client_id\" value=\"" + Html.escape(a.clientId()) + "\">\n"
                + "<button class=\"revoke-button\"><span lang=\"ja\">同意を取り消す</span> / <span lang=\"en\">Revoke</span></button>\n"
                + "</form>\n</section>\n";
    }
}
