package jp.jpkigate.revocation.web;

import static jp.jpkigate.revocation.responder.InMemoryRevocationService.key;
import static jp.jpkigate.revocation.responder.TestPki.AUTH_2026_EC;
import static jp.jpkigate.revocation.responder.TestPki.NOW;
import static jp.jpkigate.revocation.responder.TestPki.SIGN_2025;
import static jp.jpkigate.revocation.responder.TestPki.SIGN_2026;
import static jp.jpkigate.revocation.responder.TestPki.issue;
import static jp.jpkigate.revocation.web.TestServer.base64;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class CheckEndpointTest {
    static TestServer server;

    @BeforeAll
    static void start(Vertx vertx, VertxTestContext ctx) {
        TestServer.start(vertx).onComplete(ctx.succeeding(started -> {
            server = started;
            ctx.completeNow();
        }));
    }

    @Test
    void oneCertificateIsGoodWithDataVersionAndAge() throws Exception {
        var response = server.check(new JsonObject().put("certificate", base64(issue(SIGN_2026, 10))));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.getHeader("Content-Type")).isEqualTo("application/json");
        assertThat(response.getHeader("Cache-Control")).isEqualTo("no-store");
        JsonObject body = response.bodyAsJsonObject();
        assertThat(body.getString("checkedAt")).isEqualTo(NOW.toString());
        assertThat(body.getJsonArray("results").getJsonObject(0)).isEqualTo(new JsonObject()
                .put("status", "good").put("source", "crl").put("dataVersion", 7)
                .put("dataAsOf", NOW.minus(Duration.ofHours(1)).toString()).put("dataAgeSeconds", 3600)
                .put("serial", "A").put("issuer", key(SIGN_2026).keyIdHex()));
    }

    @Test
    void aBatchOfCertificatesIsAnsweredInRequestOrder() throws Exception {
        JsonArray certificates = new JsonArray(List.of(base64(issue(SIGN_2026, 11)), base64(issue(SIGN_2026, 10)),
                base64(issue(AUTH_2026_EC, 21)), base64(issue(SIGN_2025, 5)), base64(issue(SIGN_2026, 12)),
                base64(issue(AUTH_2026_EC, 22))));
        JsonArray results = server.check(new JsonObject().put("certificates", certificates)).bodyAsJsonObject()
                .getJsonArray("results");
        assertThat(results.stream().map(r -> ((JsonObject) r).getString("status")))
                .containsExactly("revoked", "good", "revoked", "unknown", "revoked", "good");
        assertThat(results.stream().map(r -> ((JsonObject) r).getString("serial")))
                .containsExactly("B", "A", "15", "5", "C", "16");
        JsonObject revoked = results.getJsonObject(0);
        assertThat(revoked.getString("reason")).isEqualTo("affiliationChanged");
        assertThat(revoked.getString("revocationDate")).isEqualTo("2026-11-19");
        assertThat(revoked.getLong("dataVersion")).isEqualTo(7);
        assertThat(results.getJsonObject(2).getString("reason")).isEqualTo("keyCompromise");
        assertThat(results.getJsonObject(2).getLong("dataAgeSeconds")).isEqualTo(600);
        assertThat(results.getJsonObject(2).getLong("dataVersion")).isEqualTo(3);
        assertThat(results.getJsonObject(3).getString("detail")).isEqualTo("issuer not covered");
        assertThat(results.getJsonObject(3).getString("issuer")).isEqualTo(key(SIGN_2025).keyIdHex());
        assertThat(results.getJsonObject(3).containsKey("dataVersion")).isFalse();
        assertThat(results.getJsonObject(4).getString("reason")).isEqualTo("certificateHold");
    }

    @Test
    void serialsByIssuerKeyAreAnsweredInRequestOrder() throws Exception {
        JsonArray serials = new JsonArray()
                .add(pair(key(SIGN_2026).keyIdHex().toLowerCase(Locale.ROOT), "0b"))
                .add(pair(key(AUTH_2026_EC).keyIdHex(), "16"))
                .add(pair("ABCD", "1"))
                .add(pair(key(AUTH_2026_EC).keyIdHex(), "15"));
        JsonArray results = server.check(new JsonObject().put("serials", serials)).bodyAsJsonObject()
                .getJsonArray("results");
        assertThat(results.stream().map(r -> ((JsonObject) r).getString("status")))
                .containsExactly("revoked", "good", "unknown", "revoked");
        assertThat(results.getJsonObject(0).getString("issuer")).isEqualTo(key(SIGN_2026).keyIdHex());
        assertThat(results.getJsonObject(0).getString("serial")).isEqualTo("B");
        assertThat(results.getJsonObject(2).getString("issuer")).isEqualTo("ABCD");
    }

    @Test
    void staleDataIsUnknownWithItsReason() throws Exception {
        server.service.stale(AUTH_2026_EC, true);
        try {
            JsonObject result = server.check(new JsonObject().put("serials", new JsonArray()
                    .add(pair(key(AUTH_2026_EC).keyIdHex(), "16")))).bodyAsJsonObject()
                    .getJsonArray("results").getJsonObject(0);
            assertThat(result.getString("status")).isEqualTo("unknown");
            assertThat(result.getString("detail")).contains("stale");
        } finally {
            server.service.stale(AUTH_2026_EC, false);
        }
    }

    @Test
    void aThousandCertificatesAreParsedOffTheLoopAndAnswered() throws Exception {
        String good = base64(issue(SIGN_2026, 10));
        JsonArray certificates = new JsonArray();
        for (int i = 0; i < CheckRequest.MAX_ITEMS; i++) {
            certificates.add(good);
        }
        var response = server.check(new JsonObject().put("certificates", certificates));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.bodyAsJsonObject().getJsonArray("results")).hasSize(CheckRequest.MAX_ITEMS);
    }

    /** Over the worker threshold in bytes, a batch of pairs is read on the loop; answered whole and in order. */
    @Test
    void aThousandPairsOverTheWorkerThresholdAreAnsweredInOrder() throws Exception {
        JsonArray serials = new JsonArray();
        for (int i = 0; i < CheckRequest.MAX_ITEMS; i++) {
            serials.add(pair(key(i % 2 == 0 ? SIGN_2026 : AUTH_2026_EC).keyIdHex(), Integer.toHexString(i)));
        }
        JsonObject body = new JsonObject().put("serials", serials);
        assertThat(body.toBuffer().length()).isGreaterThan(CheckEndpoint.PARSE_ON_WORKER_ABOVE);
        JsonArray results = server.check(body).bodyAsJsonObject().getJsonArray("results");
        assertThat(results).hasSize(CheckRequest.MAX_ITEMS);
        for (int i = 0; i < CheckRequest.MAX_ITEMS; i++) {
            assertThat(results.getJsonObject(i).getString("serial")).isEqualTo(Integer.toHexString(i).toUpperCase(Locale.ROOT));
            assertThat(results.getJsonObject(i).getString("issuer"))
                    .isEqualTo(key(i % 2 == 0 ? SIGN_2026 : AUTH_2026_EC).keyIdHex());
        }
        assertThat(results.getJsonObject(10).getString("status")).isEqualTo("good");
        assertThat(results.getJsonObject(12).getString("status")).isEqualTo("revoked");
    }

    static JsonObject pair(String issuer, String serial) {
        return new JsonObject().put("issuer", issuer).put("serial", serial);
    }
}
