package jp.jpkigate.feed.receiver;

import static jp.jpkigate.feed.set.SetFixtures.BANK;
import static jp.jpkigate.feed.set.SetFixtures.BANK_EC;
import static jp.jpkigate.feed.set.SetFixtures.BANK_RSA;
import static jp.jpkigate.feed.set.SetFixtures.NOW;
import static jp.jpkigate.feed.set.SetFixtures.OP_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import jp.jpkigate.feed.set.SetFixtures;
import jp.jpkigate.feed.set.SetIssuer;
import jp.jpkigate.idp.key.KeyLoadException;
import jp.jpkigate.idp.key.SigningKeys;
import jp.jpkigate.testing.MutableClock;
import jp.jpkigate.testing.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reference receiver over HTTP: RFC 8935 push answered 202 / 400, {@code GET /events}, the OP's
 * JWK Set fetched with the WebClient and refetched when the OP rotates its key.
 */
@ExtendWith(VertxExtension.class)
class ReferenceReceiverTest {
    private final MutableClock clock = new MutableClock(NOW);
    private final SetIssuer issuer = SetFixtures.issuer(clock);
    private final AtomicReference<JWKSet> published = new AtomicReference<>(new JWKSet(OP_KEY).toPublicJWKSet());
    private final AtomicInteger fetches = new AtomicInteger();
    private Vertx vertx;
    private HttpServer op;
    private HttpServer server;
    private WebClient web;
    private EventInbox inbox;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx(new VertxOptions().setMaxEventLoopExecuteTime(200).setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS));
        op = TestRedis.await(vertx.createHttpServer().requestHandler(req -> {
            fetches.incrementAndGet();
            req.response().putHeader("Content-Type", "application/jwk-set+json").end(published.get().toString());
        }).listen(0, "127.0.0.1"));
        web = WebClient.create(vertx);
        OpKeys opKeys = new RemoteOpKeys(web, URI.create("http://127.0.0.1:" + op.actualPort() + "/jwks"), clock,
                Duration.ofMinutes(5), Duration.ofMinutes(1));
        inbox = ReceiverHarness.inbox(clock, opKeys);
        server = TestRedis.await(new ReferenceReceiver(vertx, inbox).listen(0));
    }

    @AfterEach
    void stop() throws Exception {
        TestRedis.await(vertx.close());
    }

    private HttpResponse<Buffer> push(String contentType, String body) throws Exception {
        var request = web.post(server.actualPort(), "127.0.0.1", "/events");
        if (contentType != null) {
            request.putHeader("Content-Type", contentType);
        }
        return TestRedis.await(request.sendBuffer(Buffer.buffer(body)));
    }

    private JsonArray events() throws Exception {
        return TestRedis.await(web.get(server.actualPort(), "127.0.0.1", "/events").send()).bodyAsJsonObject().getJsonArray("events");
    }

    private static String error(HttpResponse<Buffer> response) {
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.getHeader("Content-Type")).startsWith("application/json");
        JsonObject json = response.bodyAsJsonObject();
        assertThat(json.fieldNames()).containsExactlyInAnyOrder("err", "description");
        return json.getString("err");
    }

    @Test
    void pushedSetsAreAcceptedOnceAndShown() throws Exception {
        String ec = issuer.issue(BANK, BANK_EC.toPublicJWK(), SetFixtures.moved(), Optional.empty()).token();
        String rsa = issuer.issue(BANK, BANK_RSA.toPublicJWK(), SetFixtures.withdrawn(), Optional.empty()).token();
        assertThat(push("application/secevent+jwt", ec).statusCode()).isEqualTo(202);
        assertThat(push("Application/SecEvent+JWT; charset=us-ascii", rsa + "\n").statusCode()).isEqualTo(202);
        assertThat(push("application/secevent+jwt", ec).statusCode()).as("a duplicate is no error").isEqualTo(202);
        JsonArray events = events();
        assertThat(events).hasSize(2);
        assertThat(events.getJsonObject(0).getString("consent_id")).isEqualTo("consent-1");
        assertThat(events.getJsonObject(0).getJsonObject("payload").getJsonArray("changed")).containsExactly("address");
        assertThat(events.getJsonObject(1).getString("type")).endsWith("consent-withdrawn");
        assertThat(fetches).hasValue(1);
    }

    @Test
    void refusedSetsGetRfc8935Errors() throws Exception {
        String token = issuer.issue(BANK, BANK_EC.toPublicJWK(), SetFixtures.moved(), Optional.empty()).token();
        assertThat(error(push("application/jwt", token))).isEqualTo("invalid_request");
        assertThat(error(push(null, token))).isEqualTo("invalid_request");
        assertThat(error(push("application/secevent+jwt", "x".repeat(ReferenceReceiver.MAX_BODY + 1)))).isEqualTo("invalid_request");
        assertThat(error(push("application/secevent+jwt", issuer.issue("carrier", BANK_EC.toPublicJWK(), SetFixtures.moved(),
                Optional.empty()).token()))).isEqualTo("invalid_audience");
        assertThat(error(push("application/secevent+jwt", issuer.issue(BANK, SetFixtures.encryptionKey("k", false).toPublicJWK(),
                SetFixtures.moved(), Optional.empty()).token()))).isEqualTo("invalid_key");
        assertThat(events()).isEmpty();
    }

    @Test
    void theOpsRotatedKeyIsFetchedOncePerInterval() throws Exception {
        JWK next = SigningKeys.generateKey(JWSAlgorithm.ES256);
        SetIssuer rotated = new SetIssuer(SetFixtures.ISSUER, keys(next), clock, new java.security.SecureRandom());
        assertThat(push("application/secevent+jwt", issuer.issue(BANK, BANK_EC.toPublicJWK(), SetFixtures.moved(), Optional.empty())
                .token()).statusCode()).isEqualTo(202);
        published.set(new JWKSet(List.of(next, OP_KEY)).toPublicJWKSet());
        String signedByNext = rotated.issue(BANK, BANK_EC.toPublicJWK(), SetFixtures.withdrawn(), Optional.empty()).token();
        assertThat(error(push("application/secevent+jwt", signedByNext))).as("refetched too recently").isEqualTo("invalid_key");
        clock.advance(Duration.ofSeconds(61));
        assertThat(push("application/secevent+jwt", signedByNext).statusCode()).isEqualTo(202);
        assertThat(fetches).hasValue(2);
        assertThat(inbox.events()).hasSize(2);
    }

    @Test
    void keyFilesAndOptions(@TempDir Path dir) throws Exception {
        Path one = Files.writeString(dir.resolve("bank.jwk"), BANK_EC.toJSONString());
        assertThat(ReferenceReceiver.readKeys(one).getKeys()).hasSize(1);
        Path set = Files.writeString(dir.resolve("bank.jwks"), new JWKSet(List.of(BANK_EC, BANK_RSA)).toString(false));
        assertThat(ReferenceReceiver.readKeys(set).getKeys()).hasSize(2);
        Path publicOnly = Files.writeString(dir.resolve("pub.jwk"), BANK_EC.toPublicJWK().toJSONString());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ReferenceReceiver.readKeys(publicOnly))
                .isInstanceOf(java.text.ParseException.class);

        ReceiverOptions options = ReceiverOptions.parse("--client-id=bank", "--key=" + one, "--issuer=https://op",
                "--jwks-url=https://op/jwks", "--port=0");
        assertThat(options.port()).isZero();
        assertThat(options.maxAge()).isEqualTo(Duration.ofHours(168));
        assertThat(options.pollEndpoint()).isEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ReceiverOptions.parse("--port=x", "--poll-endpoint=ftp://x", "-v"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--client-id is required")
                .hasMessageContaining("--port must be").hasMessageContaining("not --name=value: -v")
                .hasMessageContaining("--poll-endpoint and --authorization go together");
    }

    private static SigningKeys keys(JWK key) throws KeyLoadException {
        return SigningKeys.of(List.of(key));
    }
}
