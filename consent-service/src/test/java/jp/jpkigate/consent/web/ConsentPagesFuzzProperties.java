package jp.jpkigate.consent.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import jp.jpkigate.consent.invitation.Invitation;
import jp.jpkigate.consent.testing.ConsentPagesFixture;
import jp.jpkigate.testing.TestRedis;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Arbitrary input at every parser of the consent pages — form bodies and content types of the three
 * forms, the signer API's JSON, invitation tokens and transaction ids in paths — from a browser that
 * holds the cookies: always a 4xx, never a 5xx; the invitation is still usable afterwards.
 */
class ConsentPagesFuzzProperties {
    private static ConsentPagesFixture fx;
    private static Invitation invitation;
    private static ConsentPagesFixture.Browser browser;
    private static String txn;
    private static String account;

    @BeforeContainer
    static void start() throws Exception {
        fx = ConsentPagesFixture.start();
        invitation = fx.invite("FUZZ-1");
        browser = fx.openInvitation(invitation);
        txn = fx.startSigning(browser, invitation);
        account = fx.accountLogin(fx.op.card);
    }

    @AfterContainer
    static void stop() throws Exception {
        assertThat(fx.get(fx.linkPath(invitation), browser.cookie()).statusCode()).isEqualTo(200);
        fx.close();
    }

    @Property(tries = 120)
    void arbitraryFormPostsAreClientErrors(@ForAll("bodies") String body, @ForAll("types") String type) throws Exception {
        assertClientError(post(fx.linkPath(invitation), type, body, browser.cookie()));
        assertClientError(post("/consent/start", type, body, browser.cookie()));
        assertClientError(post("/account/consents/withdraw", type, body, account));
    }

    @Property(tries = 120)
    void arbitrarySignerBodiesAreClientErrors(@ForAll("json") String body, @ForAll("types") String type) throws Exception {
        HttpResponse<Buffer> answer = post("/consent/sign/" + txn, type, body, null);
        // A body that reads as a certificate and a signature is a signing attempt: its verification fails
        // (200 "failed", and the transaction is spent, so later bodies get 409); anything else is refused.
        if (answer.statusCode() == 200) {
            assertThat(answer.bodyAsJsonObject().getString("status")).as(body).isEqualTo("failed");
        } else {
            assertThat(answer.statusCode()).as(body).isBetween(400, 499);
        }
        assertThat(answer.getHeader("Content-Type")).startsWith("application/json");
    }

    @Property(tries = 150)
    void arbitraryTokensAndTransactionIdsAreClientErrors(@ForAll("pathSegments") String segment) throws Exception {
        for (String path : new String[] {"/consent/i/", "/consent/sign/", "/account/consents/sign/"}) {
            String suffix = path.endsWith("i/") || path.equals("/consent/sign/") ? "" : "/page";
            HttpResponse<Buffer> answer = fx.get(path + segment + suffix, browser.cookie() + "; " + account);
            assertThat(answer.statusCode()).as(path + segment).isBetween(400, 499);
        }
        assertThat(fx.get("/consent/sign/" + segment + "/continue", browser.cookie()).statusCode()).isBetween(400, 499);
        assertThat(fx.get("/consent/sign/" + segment + "/status", browser.cookie()).statusCode()).isBetween(400, 499);
    }

    private static HttpResponse<Buffer> post(String path, String type, String body, String cookie) throws Exception {
        var request = fx.web.post(path);
        if (cookie != null) {
            request.putHeader("Cookie", cookie);
        }
        if (!type.isEmpty()) {
            request.putHeader("Content-Type", type);
        }
        return TestRedis.await(request.sendBuffer(Buffer.buffer(body)));
    }

    private static void assertClientError(HttpResponse<Buffer> answer) {
        assertThat(answer.statusCode()).as(answer.bodyAsString()).isBetween(400, 499);
        assertThat(answer.getHeader("Location")).isNull();
        assertThat(answer.getHeader("Content-Type")).startsWith("text/html");
    }

    @Provide
    Arbitrary<String> bodies() {
        Arbitrary<String> names = Arbitraries.oneOf(Arbitraries.of("csrf", "client_id", "customer_number", "consent_id"),
                Arbitraries.strings().ofMaxLength(8));
        Arbitrary<String> values = Arbitraries.oneOf(
                Arbitraries.of("bank", "legacy", "FUZZ-1", "%ZZ", "%C3%28", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                        "AAAAAAAAAAAAAAAAAAAAAA", "", "<script>"),
                Arbitraries.strings().ofMaxLength(300));
        return Combinators.combine(names, values).as((n, v) -> n + "=" + v).list().ofMaxSize(6).map(l -> String.join("&", l));
    }

    @Provide
    Arbitrary<String> json() {
        Arbitrary<String> base64 = Arbitraries.oneOf(Arbitraries.strings().withChars("ABCDEFabcdef0123456789+/=-_").ofMaxLength(200),
                Arbitraries.strings().ofMaxLength(40));
        Arbitrary<String> objects = Combinators.combine(base64, base64)
                .as((c, s) -> "{\"certificate\":\"" + c + "\",\"signature\":\"" + s + "\"}");
        return Arbitraries.oneOf(objects, Arbitraries.strings().ofMaxLength(200),
                Arbitraries.of("", "{}", "[]", "null", "{\"certificate\":1}", "{{{{", "\"x\"", "[".repeat(5000)));
    }

    @Provide
    Arbitrary<String> types() {
        return Arbitraries.of("application/x-www-form-urlencoded", "application/json", "application/json; charset=UTF-8",
                "text/plain", "multipart/form-data; boundary=x", "");
    }

    @Provide
    Arbitrary<String> pathSegments() {
        return Arbitraries.oneOf(Arbitraries.strings().withChars("ABCabc012-_.~").ofMinLength(1).ofMaxLength(70),
                Arbitraries.strings().alpha().numeric().ofLength(43), Arbitraries.strings().alpha().numeric().ofLength(22)
                        .map(id -> id + "." + "AAAAAAAAAAAAAAAAAAAAAA"),
                Arbitraries.of("%2e%2e", "%00", "%ZZ", "a%2Fb"));
    }
}
