package jp.jpkigate.gateway.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.jpkigate.gateway.clients.CardSignerHook;

/**
 * The person's browser at the HTTP level, for tests without Chromium: opens an invitation link
 * (which sets the consent pages' cookie), posts the sign form with its CSRF token, has the card sign
 * on the signer URL ({@code jpki-sim sign --url}), and continues to the done page. And withdraws a
 * consent on the dashboard: the account login (the card's authentication key), the withdraw form,
 * the card's signature. Blocking: the test thread only.
 */
public final class ConsentPerson {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern SIGN_FORM = Pattern.compile("<form id=\"sign-form\" method=\"post\" action=\"([^\"]+)\">");
    private static final Pattern CSRF = Pattern.compile("<input type=\"hidden\" name=\"csrf\" value=\"([^\"]+)\">");
    private static final Pattern SAME_DEVICE = Pattern.compile("<a class=\"button\" id=\"same-device\" href=\"([^\"]+)\">");
    private static final Pattern CONTINUE = Pattern.compile("data-continue-url=\"([^\"]+)\"");
    private static final Pattern OUTCOME = Pattern.compile("<main id=\"consent-done\" data-outcome=\"([a-z-]+)\">");

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(TIMEOUT).build();
    private final CardSignerHook card;

    public ConsentPerson(CardSignerHook card) {
        this.card = card;
    }

    /** Consents through the invitation at {@code url}; the done page's outcome ({@code signed} when it was recorded). */
    public String consent(String url) throws Exception {
        URI invitation = URI.create(url);
        HttpResponse<String> review = send(HttpRequest.newBuilder(invitation).GET());
        assertThat(review.statusCode()).as(review.body()).isEqualTo(200);
        URI action = invitation.resolve(find(SIGN_FORM, review.body()).replace("&amp;", "&"));
        String form = "csrf=" + URLEncoder.encode(find(CSRF, review.body()), StandardCharsets.UTF_8);
        HttpResponse<String> started = send(HttpRequest.newBuilder(action)
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(303);
        String signingPage = started.headers().firstValue("Location").orElseThrow();
        URI signer = action.resolve(signingPage.replaceFirst("/page$", ""));
        assertThat(card.sign(signer)).contains("verified (SIGNATURE_CARD)");
        HttpResponse<String> done = send(HttpRequest.newBuilder(URI.create(signer + "/continue")).GET());
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        return find(OUTCOME, done.body());
    }

    /**
     * Withdraws consent {@code consentId} on the dashboard of the gateway at {@code issuer}: logs in
     * to the account area (the card's authentication key), posts the consent's withdraw form with its
     * CSRF token and signs the withdrawal (signature key); the done page's outcome ({@code withdrawn}).
     */
    public String withdrawOnDashboard(String issuer, String consentId) throws Exception {
        URI consents = URI.create(issuer + "/account/consents");
        HttpResponse<String> toLogin = send(HttpRequest.newBuilder(consents).GET());
        assertThat(toLogin.statusCode()).as(toLogin.body()).isEqualTo(303);
        URI loginPage = consents.resolve(toLogin.headers().firstValue("Location").orElseThrow());
        String login = signOnPage(loginPage, "verified (AUTH_CARD)");
        URI next = loginPage.resolve(find(CONTINUE, login).replace("&amp;", "&"));
        HttpResponse<String> signedIn = send(HttpRequest.newBuilder(next).GET());
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(303);
        HttpResponse<String> dashboard = send(HttpRequest.newBuilder(consents).GET());
        assertThat(dashboard.statusCode()).as(dashboard.body()).isEqualTo(200);
        Pattern form = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\">\\s*<input type=\"hidden\" name=\"consent_id\" value=\""
                + Pattern.quote(consentId) + "\"");
        String body = "csrf=" + URLEncoder.encode(find(form, dashboard.body()), StandardCharsets.UTF_8)
                + "&consent_id=" + URLEncoder.encode(consentId, StandardCharsets.UTF_8);
        HttpResponse<String> started = send(HttpRequest.newBuilder(URI.create(consents + "/withdraw"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(303);
        URI signingPage = consents.resolve(started.headers().firstValue("Location").orElseThrow());
        signOnPage(signingPage, "verified (SIGNATURE_CARD)");
        HttpResponse<String> done = send(HttpRequest.newBuilder(URI.create(signingPage.toString()
                .replaceFirst("/page$", "/continue"))).GET());
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        return find(OUTCOME, done.body());
    }

    /** Opens a signing page, has the card sign on its same-device link (the CLI says {@code verified}); the page. */
    private String signOnPage(URI page, String verified) throws Exception {
        HttpResponse<String> shown = send(HttpRequest.newBuilder(page).GET());
        assertThat(shown.statusCode()).as(shown.body()).isEqualTo(200);
        assertThat(card.sign(page.resolve(find(SAME_DEVICE, shown.body()).replace("&amp;", "&")))).contains(verified);
        return shown.body();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String find(Pattern pattern, String html) {
        Matcher m = pattern.matcher(html);
        assertThat(m.find()).as(() -> pattern + " in " + html).isTrue();
        return m.group(1);
    }
}
