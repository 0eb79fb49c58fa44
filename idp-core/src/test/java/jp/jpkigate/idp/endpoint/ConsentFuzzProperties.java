package jp.jpkigate.idp.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.oauth2.sdk.Scope;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import jp.jpkigate.idp.testing.LoginFixture;
import jp.jpkigate.sim.ca.CaKind;
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
 * Arbitrary bodies and content types at the consent and revoke forms, from the browser holding the
 * cookie of a login awaiting consent: always a 4xx HTML page without a redirect, never a 5xx; and
 * the person can still decide afterwards.
 */
class ConsentFuzzProperties {
    private static LoginFixture op;
    private static LoginFixture.Page page;

    @BeforeContainer
    static void start() throws Exception {
        op = LoginFixture.start();
        page = op.authorize(new Scope("openid"));
        op.sign(page.txn(), op.card, CaKind.AUTHENTICATION);
        assertThat(op.continueLogin(page).getHeader("Location")).isEqualTo(LoginFixture.consentUrl(page));
    }

    @AfterContainer
    static void stop() throws Exception {
        assertThat(op.decide(page, "deny").statusCode()).isEqualTo(303);
        op.close();
    }

    @Property(tries = 150)
    void arbitraryConsentPostsAreClientErrorPages(@ForAll("bodies") String body, @ForAll("types") String type) throws Exception {
        assertClientErrorPage(post("/login/" + page.txn() + "/consent", type, body));
    }

    @Property(tries = 100)
    void arbitraryRevokePostsAreClientErrorPages(@ForAll("bodies") String body, @ForAll("types") String type) throws Exception {
        assertClientErrorPage(post("/account/approvals/revoke", type, body));
    }

    private static HttpResponse<Buffer> post(String path, String type, String body) throws Exception {
        var request = op.web.post(path).putHeader("Cookie", page.cookie());
        if (!type.isEmpty()) {
            request.putHeader("Content-Type", type);
        }
        return TestRedis.await(request.sendBuffer(Buffer.buffer(body)));
    }

    private static void assertClientErrorPage(HttpResponse<Buffer> answer) {
        assertThat(answer.statusCode()).as(answer.bodyAsString()).isBetween(400, 499);
        assertThat(answer.getHeader("Location")).isNull();
        assertThat(answer.getHeader("Content-Type")).startsWith("text/html");
    }

    @Provide
    Arbitrary<String> bodies() {
        Arbitrary<String> names = Arbitraries.oneOf(Arbitraries.of("csrf", "decision", "client_id"),
                Arbitraries.strings().ofMaxLength(8));
        Arbitrary<String> values = Arbitraries.oneOf(
                Arbitraries.of("approve", "deny", "bank", "%ZZ", "%C3%28", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", ""),
                Arbitraries.strings().ofMaxLength(300));
        return Combinators.combine(names, values).as((n, v) -> n + "=" + v).list().ofMaxSize(6).map(l -> String.join("&", l));
    }

    @Provide
    Arbitrary<String> types() {
        return Arbitraries.of("application/x-www-form-urlencoded", "application/x-www-form-urlencoded; charset=UTF-8",
                "text/plain", "multipart/form-data; boundary=x", "application/json", "");
    }
}
