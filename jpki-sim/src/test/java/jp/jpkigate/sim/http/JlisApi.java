package jp.jpkigate.sim.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import jp.jpkigate.sim.card.TestPki;
import jp.jpkigate.sim.consent.ConsentRegistry;
import jp.jpkigate.sim.consent.MemoryConsentStore;
import jp.jpkigate.sim.consent.SignedConsents;
import jp.jpkigate.sim.registry.MemoryStore;
import jp.jpkigate.sim.registry.SimCas;
import jp.jpkigate.sim.registry.SimRegistry;
import jp.jpkigate.testing.MutableClock;

/** The simulator's J-LIS API on port 0 over an in-memory registry and a clock the test moves. */
final class JlisApi implements AutoCloseable {
    final MutableClock clock = new MutableClock(TestPki.NOW);
    final SimRegistry registry = new SimRegistry(new SimCas(TestPki.allCas()), clock, TestPki.RANDOM, TestPki::key,
            new MemoryStore());
    final ConsentRegistry consents = new ConsentRegistry(() -> registry, new MemoryConsentStore(), clock);
    private final SimHttpServer server;
    private final WebClient client;

    JlisApi(Vertx vertx) {
        server = SimHttpServer.start(vertx, SimPublisherSources.of(registry, consents, clock), "127.0.0.1", 0).await();
        client = WebClient.create(vertx);
    }

    /** Registers a consent signed with the device's signature key; asserts 201 and returns the answer. */
    JsonObject register(String deviceId, String consentId, String businessId, String... items) {
        return json(post("/jlis/consents", SignedConsents.consent(registry, deviceId, consentId, businessId, items)), 201);
    }

    HttpResponse<Buffer> post(String path, JsonObject body) {
        return client.post(server.port(), "127.0.0.1", path).sendJsonObject(body).await();
    }

    HttpResponse<Buffer> post(String path, String contentType, Buffer body) {
        return client.post(server.port(), "127.0.0.1", path).putHeader("Content-Type", contentType).sendBuffer(body)
                .await();
    }

    HttpResponse<Buffer> get(String path) {
        return client.get(server.port(), "127.0.0.1", path).send().await();
    }

    /** Asserts a JSON answer with {@code status} and returns it. */
    static JsonObject json(HttpResponse<Buffer> response, int status) {
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
        assertThat(response.getHeader("Content-Type")).isEqualTo("application/json");
        return response.bodyAsJsonObject();
    }

    /** Asserts a problem document with {@code status} and type {@code urn:jpki-sim:problem:<type>}. */
    static void problem(HttpResponse<Buffer> response, int status, String type) {
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
        assertThat(response.getHeader("Content-Type")).isEqualTo(Problem.CONTENT_TYPE);
        assertThat(response.bodyAsJsonObject().getString("type")).isEqualTo("urn:jpki-sim:problem:" + type);
    }

    @Override
    public void close() {
        client.close();
        server.close().await();
    }
}
