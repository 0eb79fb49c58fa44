package jp.jpkigate.revocation.web;

import static jp.jpkigate.revocation.responder.TestPki.AUTH_2026_EC;
import static jp.jpkigate.revocation.responder.TestPki.NOW;
import static jp.jpkigate.revocation.responder.TestPki.SIGN_2026;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import jp.jpkigate.revocation.index.CrlReason;
import jp.jpkigate.revocation.responder.InMemoryRevocationService;
import jp.jpkigate.revocation.responder.OcspResponderIdentity;
import jp.jpkigate.testing.MutableClock;

/**
 * The revocation routes mounted as the gateway mounts them, with {@code GET /revocation/metrics} on the
 * same router (the gateway adds that one to its metrics listener), on port 0, over an in-memory cache:
 * sign-2026 (version 7, thisUpdate now - 1 h) with 11 revoked (affiliationChanged) and 12 on hold;
 * auth-2026 EC (version 3, thisUpdate now - 10 min) with 21 revoked (keyCompromise).
 */
final class TestServer {
    static final String CLIENT_ID = "bank-a";
    /** Characters that must survive RFC 6749 2.3.1 form-urlencoding inside Basic. */
    static final String SECRET = "Xq7:s3cr3t/+=%&é-2026";
    static final LocalDate REVOKED_ON = LocalDate.of(2026, 11, 19);

    final MutableClock clock = new MutableClock(NOW);
    final InMemoryRevocationService service = new InMemoryRevocationService()
            .cover(SIGN_2026, NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(1)), 7)
            .cover(AUTH_2026_EC, NOW.minus(Duration.ofMinutes(10)), NOW.plus(Duration.ofHours(6)), 3)
            .revoke(SIGN_2026, 11, CrlReason.AFFILIATION_CHANGED, REVOKED_ON)
            .revoke(SIGN_2026, 12, CrlReason.CERTIFICATE_HOLD, REVOKED_ON)
            .revoke(AUTH_2026_EC, 21, CrlReason.KEY_COMPROMISE, REVOKED_ON);
    final OcspResponderIdentity identity = OcspResponderIdentity.generateSelfSigned(clock, new SecureRandom());
    final RevocationApiClients clients = RevocationApiClients.of(Map.of(CLIENT_ID, RevocationApiClients.hashSecret(SECRET),
            "other", RevocationApiClients.hashSecret("other-secret")));
    HttpServer server;
    WebClient client;
    /** Requests the {@link CheckShortcut} served (with {@code start(vertx, true)}). */
    final AtomicInteger shortcutServed = new AtomicInteger();

    static Future<TestServer> start(Vertx vertx) {
        return start(vertx, false);
    }

    /** With {@code shortcut}, the server hands each request to a {@link CheckShortcut} first, as the gateway does. */
    static Future<TestServer> start(Vertx vertx, boolean shortcut) {
        TestServer test = new TestServer();
        Router root = Router.router(vertx);
        RevocationRoutes.addMetrics(root, test.service, test.clock);
        RevocationRoutes.mount(root, vertx, test.service, test.clients, test.identity, test.clock);
        test.client = WebClient.create(vertx);
        CheckShortcut check = RevocationRoutes.checkShortcut(vertx, test.service, test.clients, test.clock);
        Handler<HttpServerRequest> handler = !shortcut ? root : request -> {
            if (check.takes(request)) {
                test.shortcutServed.incrementAndGet();
                check.handle(request);
            } else {
                root.handle(request);
            }
        };
        return vertx.createHttpServer().requestHandler(handler).listen(0, "127.0.0.1").map(server -> {
            test.server = server;
            return test;
        });
    }

    int port() {
        return server.actualPort();
    }

    static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    static String basic(String id, String secret) {
        String pair = URLEncoder.encode(id, StandardCharsets.UTF_8) + ":" + URLEncoder.encode(secret, StandardCharsets.UTF_8);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    static String base64(X509Certificate certificate) {
        try {
            return Base64.getEncoder().encodeToString(certificate.getEncoded());
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** POST /revocation/v1/check with the client's credentials. */
    HttpResponse<Buffer> check(JsonObject body) throws Exception {
        return check(body.toBuffer(), "application/json");
    }

    HttpResponse<Buffer> check(Buffer body, String contentType) throws Exception {
        return await(client.post(port(), "127.0.0.1", "/revocation/v1/check")
                .putHeader("Authorization", basic(CLIENT_ID, SECRET)).putHeader("Content-Type", contentType)
                .sendBuffer(body));
    }

    HttpResponse<Buffer> get(String uri) throws Exception {
        return await(client.get(port(), "127.0.0.1", uri).send());
    }
}
