package jp.jpkigate.idp.endpoint;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.jpkigate.idp.login.ConsentStep;

/**
 * The consent page ({@code pages/consent.html}, read once when the routes are built), served at
 * {@code /login/{txn}/consent}. Its form is a contract other code relies on:
 * <pre>
 * &lt;form id="consent-form" method="post" action="../../login/{txn}/consent"&gt;
 *   &lt;input type="hidden" name="csrf" value="..."&gt;
 *   &lt;button id="approve" name="decision" value="approve"&gt; … &lt;button id="deny" name="decision" value="deny"&gt;
 * </pre>
 * Its CSP allows forms to post to the OP ({@code 'self'}) and to lead on to the client's redirect
 * URI origin (Chrome applies {@code form-action} to the redirect after the POST); nothing else is
 * widened.
 */
final class ConsentPage {
    /** The page is two levels below the issuer's root. */
    static final String BASE = "../../";

    private final String template;

    ConsentPage() {
        this.template = Html.resource("pages/consent.html");
    }

    Future<Void> render(HttpServerResponse response, ConsentStep.Page page) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("base", BASE);
        values.put("txn", page.transaction().id());
        values.put("csrf", page.csrf());
        values.put("clientName", page.transaction().clientName());
        values.put("itemsHtml", SharingWords.html(SharingWords.general(page.sharing())));
        List<SharingWords.Line> four = SharingWords.fourInformation(page.sharing());
        values.put("fourInformationHtml", four.isEmpty() ? "" : fourInformationSection(four));
        values.put("decideByJa", LoginPages.JA.format(page.decideBy().atZone(LoginPages.JAPAN)));
        values.put("decideByEn", LoginPages.EN.format(page.decideBy().atZone(LoginPages.JAPAN)));
        String formAction = "'self'" + Html.cspSource(page.transaction().request().redirectUri()).map(s -> " " + s).orElse("");
        return Html.page(response, 200, Html.render(template, values), Html.cspWithForms(formAction));
    }

    private static String fourInformationSection(List<SharingWords.Line> items) {
        return "<section class=\"four-info\" aria-labelledby=\"four-info-title\">\n"
                + "<h2 id=\"four-info-title\"><span lang=\"ja\">マイナンバーカードの基本4情報を提供します</span><br>"
                + "<span lang=\"en\" class=\"en\">The 4 information from your My Number card will be shared</span></h2>\n"
                + "<p><span lang=\"ja\">署名用電子証明書に記録された次の項目を、そのままこのサービスに提供します。</span><br>"
                + "<span lang=\"en\" class=\"en\">These items, as recorded in the signature certificate on your card, "
                + "go to this service as they are.</span></p>\n"
                + "<ul class=\"items\">\n" + SharingWords.html(items) + "</ul>\n</section>";
    }
}
