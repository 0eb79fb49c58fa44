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
 * on the signer URL ({@code jpki-sim sign --url}), and continues to the done page. Blocking: the
 * test thread only.
 */
final class ConsentPerson {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern SIGN_FORM = Pattern.compile("<form id=\"sign-form\" method=\"post\" action=\"([^\"]+)\">");
    private static final Pattern CSRF = Pattern.compile("<input type=\"hidden\" name=\"csrf\" value=\"([^\"]+)\">");
    private static final Pattern OUTCOME = Pattern.compile("<main id=\"consent-done\" data-outcome=\"([a-z-]+)\">");

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(TIMEOUT).build();
    private final CardSignerHook card;

    ConsentPerson(CardSignerHook card) {
        this.card = card;
    }

    /** Consents through the invitation at {@code url}; the done page's outcome ({@code signed} when it was recorded). */
    String consent(String url) throws Exception {
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

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String find(Pattern pattern, String html) {
        Matcher m = pattern.matcher(html);
        assertThat(m.find()).as(() -> pattern + " in " + html).isTrue();
        return m.group(1);
    }
}
