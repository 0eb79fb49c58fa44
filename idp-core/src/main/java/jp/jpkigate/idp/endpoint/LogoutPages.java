package jp.jpkigate.idp.endpoint;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import jp.jpkigate.idp.logout.LogoutOutcome;
import jp.jpkigate.idp.logout.LogoutRequest;

/**
 * The logout pages, from {@code pages/logout-confirm.html} and {@code pages/logged-out.html} (read
 * once, when the routes are built), in Japanese and English ({@code ui_locales} chooses the page's
 * {@code lang}), with the strict CSP of every page; errors on the login's error page. The
 * confirmation's form is a contract:
 * <pre>
 * &lt;form id="logout-form" method="post" action="logout/confirm"&gt;
 *   &lt;input type="hidden" name="csrf" value="..."&gt; (and client_id, post_logout_redirect_uri, state, ui_locales when given)
 *   &lt;button id="logout" type="submit"&gt;
 * </pre>
 * Its CSP lets the form post to the OP and lead on to the post-logout redirect URI's origin.
 */
final class LogoutPages {
    private final LoginPages pages;
    private final String confirmTemplate;
    private final String loggedOutTemplate;

    LogoutPages(LoginPages pages) {
        this.pages = pages;
        this.confirmTemplate = Html.resource("pages/logout-confirm.html");
        this.loggedOutTemplate = Html.resource("pages/logged-out.html");
    }

    /** The confirmation page, served at {@code /logout} (links relative to the issuer's root). */
    Future<Void> confirm(HttpServerResponse response, LogoutOutcome.Confirm confirm) {
        LogoutRequest carried = confirm.carried();
        StringBuilder hidden = new StringBuilder();
        hidden(hidden, "client_id", carried.clientId());
        hidden(hidden, "post_logout_redirect_uri", carried.postLogoutRedirectUri());
        hidden(hidden, "state", carried.state());
        hidden(hidden, "ui_locales", carried.uiLocales());
        Map<String, String> values = new LinkedHashMap<>();
        values.put("base", "");
        values.put("lang", carried.prefersEnglish() ? "en" : "ja");
        values.put("csrf", confirm.csrf());
        values.put("clientJa", confirm.clientName().isEmpty() ? "" : "（" + confirm.clientName() + " からの要求）");
        values.put("clientEn", confirm.clientName().isEmpty() ? "" : " (asked by " + confirm.clientName() + ")");
        values.put("carriedHtml", hidden.toString());
        String formAction = "'self'" + carried.postLogoutRedirectUri().flatMap(uri -> Html.cspSource(URI.create(uri)))
                .map(source -> " " + source).orElse("");
        return Html.page(response, 200, Html.render(confirmTemplate, values), Html.cspWithForms(formAction));
    }

    /** The "logged out" page, served {@code base} below the issuer's root. */
    Future<Void> loggedOut(HttpServerResponse response, boolean english, String base) {
        return Html.page(response, 200, Html.render(loggedOutTemplate, Map.of("base", base, "lang", english ? "en" : "ja")));
    }

    /** A refused request's page, or for an unexpected failure (logged by type only) a 500 page without details. */
    Future<Void> failure(HttpServerResponse response, Throwable failure, String base) {
        return pages.failure(response, failure, base, "logout", LoginPages.Heading.LOGOUT);
    }

    private static void hidden(StringBuilder out, String name, Optional<String> value) {
        value.ifPresent(v -> out.append("<input type=\"hidden\" name=\"").append(name).append("\" value=\"")
                .append(Html.escape(v)).append("\">\n"));
    }
}
