package jp.jpkigate.gateway.clients;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
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

/**
 * The person's browser at the HTTP level, for Java clients (curl-like, blocking: call it from the
 * test thread): opens the authorization URL, has the card sign the login transaction, continues,
 * approves the consent page when the gateway shows one, and returns where the gateway finally
 * sends the browser (the client's redirect URI with {@code code}, {@code state}, {@code iss}).
 * The Node.js twin is {@code src/test/node/lib/user-agent.mjs}; the Chromium test clicks the same
 * consent page ({@link #isConsentPage}).
 */
public final class UserAgent {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final Pattern STATUS_URL = Pattern.compile("data-status-url=\"([^\"]+)\"");
    private static final Pattern CONTINUE_URL = Pattern.compile("data-continue-url=\"([^\"]+)\"");
    private static final Pattern CONSENT_FORM = Pattern.compile("(<form\\b[^>]*\\bid=\"consent-form\"[^>]*>)");
    private static final Pattern CSRF_INPUT = Pattern.compile("(<input\\b[^>]*\\bname=\"csrf\"[^>]*>)");

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(TIMEOUT).build();
    private final CardSignerHook card;

    public UserAgent(CardSignerHook card) {
        this.card = card;
    }

    /** The whole login from the authorization URL; the final redirect to the client. */
    public URI logIn(URI authorization) throws IOException, InterruptedException {
        HttpResponse<String> page = send(HttpRequest.newBuilder(authorization).GET());
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        URI status = authorization.resolve(unescape(find(STATUS_URL, page.body())));
        URI continuation = authorization.resolve(unescape(find(CONTINUE_URL, page.body())));
        card.sign(URI.create(status.toString().replaceFirst("/status$", "")));
        HttpResponse<String> polled = send(HttpRequest.newBuilder(status).header("Accept", "application/json").GET());
        assertThat(new JsonObject(polled.body()).getString("status")).as(polled.body()).isEqualTo("verified");
        URI next = redirect(send(HttpRequest.newBuilder(continuation).GET()), continuation);
        return isConsentPage(next) ? approveConsent(next) : next;
    }

    /** The gateway's consent step ({@code /login/{txn}/consent}) rather than the client. */
    static boolean isConsentPage(URI location) {
        return location.getPath() != null && location.getPath().matches(".*/login/[^/]+/consent");
    }

    /** Fetches the consent page and posts {@code decision=approve} with its CSRF token. */
    private URI approveConsent(URI consentPage) throws IOException, InterruptedException {
        HttpResponse<String> page = send(HttpRequest.newBuilder(consentPage).GET());
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        URI action = consentPage.resolve(attribute(find(CONSENT_FORM, page.body()), "action"));
        String csrf = attribute(find(CSRF_INPUT, page.body()), "value");
        String form = "decision=approve&csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8);
        return redirect(send(HttpRequest.newBuilder(action).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))), action);
    }

    private static URI redirect(HttpResponse<String> response, URI from) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(303);
        return from.resolve(response.headers().firstValue("Location").orElseThrow());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String find(Pattern pattern, String html) {
        Matcher m = pattern.matcher(html);
        assertThat(m.find()).as(pattern + " in " + html).isTrue();
        return m.group(1);
    }

    /** The value of attribute {@code name} in an HTML start tag, unescaped. */
    private static String attribute(String tag, String name) {
        return unescape(find(Pattern.compile("\\s" + name + "=\"([^\"]*)\""), tag));
    }

    private static String unescape(String attribute) {
        return attribute.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&");
    }
}
