package jp.jpkigate.feed.receiver;

import static jp.jpkigate.feed.set.SetFixtures.BANK;
import static jp.jpkigate.feed.set.SetFixtures.BANK_EC;
import static jp.jpkigate.feed.set.SetFixtures.NOW;
import static jp.jpkigate.feed.set.SetFixtures.OP_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.Optional;
import jp.jpkigate.feed.set.SetFixtures;
import jp.jpkigate.testing.MutableClock;
import jp.jpkigate.testing.TestRedis;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Whatever is pushed to the reference receiver — random bytes, a real SET cut short or with a
 * character changed, any content type — it answers 400 with RFC 8935 error JSON (or 202 for an
 * intact SET), never a 5xx.
 */
class ReferenceReceiverProperties {
    private static final MutableClock CLOCK = new MutableClock(NOW);
    private static final String TOKEN = SetFixtures.issuer(CLOCK).issue(BANK, BANK_EC.toPublicJWK(), SetFixtures.moved(),
            Optional.empty()).token();
    private static Vertx vertx;
    private static WebClient web;
    private static int port;

    @BeforeContainer
    static void start() throws Exception {
        vertx = Vertx.vertx();
        web = WebClient.create(vertx);
        EventInbox inbox = ReceiverHarness.inbox(CLOCK, OpKeys.fixed(new JWKSet(OP_KEY)));
        HttpServer server = TestRedis.await(new ReferenceReceiver(vertx, inbox).listen(0));
        port = server.actualPort();
    }

    @AfterContainer
    static void stop() throws Exception {
        TestRedis.await(vertx.close());
    }

    private static HttpResponse<Buffer> push(String contentType, Buffer body) throws Exception {
        var request = web.post(port, "127.0.0.1", "/events");
        if (contentType != null) {
            request.putHeader("Content-Type", contentType);
        }
        return TestRedis.await(request.sendBuffer(body));
    }

    private static void refusedWithRfc8935Json(HttpResponse<Buffer> response) {
        assertThat(response.statusCode()).isIn(202, 400);
        if (response.statusCode() == 400) {
            assertThat(response.bodyAsJsonObject().getString("err")).isIn("invalid_request", "invalid_key",
                    "invalid_issuer", "invalid_audience", "authentication_failed", "access_denied");
            assertThat(response.bodyAsJsonObject().getString("description")).isNotBlank();
        }
    }

    @Property(tries = 150)
    void randomBytes(@ForAll byte[] body) throws Exception {
        HttpResponse<Buffer> response = push("application/secevent+jwt", Buffer.buffer(body));
        assertThat(response.statusCode()).isEqualTo(400);
        refusedWithRfc8935Json(response);
    }

    @Property(tries = 150)
    void truncatedOrAlteredSets(@ForAll("damaged") String token) throws Exception {
        HttpResponse<Buffer> response = push("application/secevent+jwt", Buffer.buffer(token));
        refusedWithRfc8935Json(response);
        if (!decodesLikeTheToken(token)) {
            assertThat(response.statusCode()).isEqualTo(400);
        }
    }

    /**
     * Whether every part of {@code token} decodes to the bytes of the original's: a changed character that
     * only touches a part's unused low bits, or swaps {@code -} for {@code +} (base64url decoders read both
     * alphabets), leaves the same SET, which is then rightly accepted (as a duplicate).
     */
    private static boolean decodesLikeTheToken(String token) {
        String[] parts = token.split("\\.", -1);
        String[] original = TOKEN.split("\\.", -1);
        if (parts.length != original.length) {
            return false;
        }
        for (int i = 0; i < parts.length; i++) {
            if (!parts[i].matches("[A-Za-z0-9_+/-]*")
                    || !java.util.Arrays.equals(new com.nimbusds.jose.util.Base64URL(parts[i]).decode(),
                            new com.nimbusds.jose.util.Base64URL(original[i]).decode())) {
                return false;
            }
        }
        return true;
    }

    @Property(tries = 60)
    void wrongContentTypes(@ForAll("contentTypes") String contentType) throws Exception {
        HttpResponse<Buffer> response = push(contentType, Buffer.buffer(TOKEN));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.bodyAsJsonObject().getString("err")).isEqualTo("invalid_request");
    }

    @Provide
    Arbitrary<String> damaged() {
        Arbitrary<String> cut = Arbitraries.integers().between(0, TOKEN.length() - 1).map(n -> TOKEN.substring(0, n));
        Arbitrary<String> changed = Arbitraries.integers().between(0, TOKEN.length() - 1).flatMap(i ->
                Arbitraries.chars().with("ABCabc019-_.=+/ \u00e9").map(c -> TOKEN.substring(0, i) + c + TOKEN.substring(i + 1)));
        Arbitrary<String> partsDropped = Arbitraries.integers().between(0, 4).map(i -> {
            String[] parts = TOKEN.split("\\.", -1);
            parts[i] = "";
            return String.join(".", parts);
        });
        return Arbitraries.oneOf(cut, changed, partsDropped);
    }

    @Provide
    Arbitrary<String> contentTypes() {
        return Arbitraries.oneOf(Arbitraries.of("application/jwt", "application/json", "text/plain", "application/jose",
                        "application/secevent+jwt2", "secevent+jwt", "", ";", "application/x-www-form-urlencoded"),
                Arbitraries.strings().ofMinLength(1).ofMaxLength(30).withCharRange('!', '~')
                        .filter(s -> !s.toLowerCase().startsWith("application/secevent+jwt")));
    }
}
