package jp.jpkigate.idp.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import jp.jpkigate.idp.testing.LoginFixture;
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
 * Arbitrary queries at {@code GET /logout} and bodies at {@code POST /logout} and
 * {@code POST /logout/confirm}: an HTML page (200 confirmation or logged-out, 4xx error) or a 303,
 * never a 5xx; a redirect only ever to the registered post-logout URI.
 */
class LogoutFuzzProperties {
    private static final String LOGGED_OUT = "https://rp.bank.example/logged-out";
    private static LoginFixture op;

    @BeforeContainer
    static void start() throws Exception {
        op = new LoginFixture("\"post_logout_redirect_uris\":[\"" + LOGGED_OUT + "\"]");
        op.beforeAll(null);
    }

    @AfterContainer
    static void stop() throws Exception {
        op.close();
    }

    @Property(tries = 150)
    void arbitraryLogoutQueriesNeverFail(@ForAll("forms") String query) throws Exception {
        assertAnswered(op.get("/logout?" + sendable(query), null));
    }

    @Property(tries = 100)
    void arbitraryLogoutPostsNeverFail(@ForAll("forms") String body, @ForAll("types") String type) throws Exception {
        assertAnswered(post("/logout", type, body));
        assertAnswered(post("/logout/confirm", type, body));
    }

    /** What a client can put in a request line: other characters percent-encoded (malformed escapes stay). */
    private static String sendable(String query) {
        StringBuilder out = new StringBuilder();
        for (byte b : query.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c > 0x20 && c < 0x7f && "\"#<>[\\]^`{|}".indexOf(c) < 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    private static HttpResponse<Buffer> post(String path, String type, String body) throws Exception {
        var request = op.web.post(path);
        if (!type.isEmpty()) {
            request.putHeader("Content-Type", type);
        }
        return TestRedis.await(request.sendBuffer(Buffer.buffer(body)));
    }

    private static void assertAnswered(HttpResponse<Buffer> answer) {
        assertThat(answer.statusCode()).as(answer.bodyAsString()).isIn(200, 303, 400, 403, 413);
        if (answer.statusCode() == 303) {
            assertThat(answer.getHeader("Location")).startsWith(LOGGED_OUT);
        } else {
            assertThat(answer.getHeader("Location")).isNull();
            assertThat(answer.getHeader("Content-Type")).startsWith("text/html");
        }
    }

    @Provide
    Arbitrary<String> forms() {
        Arbitrary<String> names = Arbitraries.oneOf(Arbitraries.of("id_token_hint", "client_id", "post_logout_redirect_uri",
                "state", "ui_locales", "csrf"), Arbitraries.strings().ofMaxLength(8));
        Arbitrary<String> values = Arbitraries.oneOf(
                Arbitraries.of("bank", "legacy", "a.b.c", "eyJhbGciOiJFUzI1NiIsImtpZCI6IngifQ.e30.AAAA", "%ZZ", "%C3%28", "",
                        URLEncoder.encode(LOGGED_OUT, StandardCharsets.UTF_8), "https://evil.example/", "en", "x%00"),
                Arbitraries.strings().ofMaxLength(200).map(s -> URLEncoder.encode(s, StandardCharsets.UTF_8)),
                Arbitraries.strings().withCharRange('!', '~').ofMaxLength(100));
        return Combinators.combine(names, values).as((n, v) -> n + "=" + v).list().ofMaxSize(6).map(l -> String.join("&", l));
    }

    @Provide
    Arbitrary<String> types() {
        return Arbitraries.of("application/x-www-form-urlencoded", "text/plain", "application/json", "");
    }
}
