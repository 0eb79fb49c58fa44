package jp.jpkigate.sim.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.time.LocalDate;
import jp.jpkigate.sim.ca.FourInfo.Gender;
import jp.jpkigate.sim.ca.KeyAlgorithm;
import jp.jpkigate.sim.ca.Municipality;
import jp.jpkigate.sim.card.TestPki;
import jp.jpkigate.sim.card.TokenName;
import jp.jpkigate.sim.registry.CardRequest;
import jp.jpkigate.sim.registry.CertId;
import jp.jpkigate.sim.registry.Device;
import jp.jpkigate.sim.registry.MemoryStore;
import jp.jpkigate.sim.registry.SimCas;
import jp.jpkigate.sim.registry.SimRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code GET /linkage/{caId}/{serial}} over a live registry: renewals and moves as the linkage service shows them. */
@ExtendWith(VertxExtension.class)
class LinkageRoutesTest {
    private final SimRegistry registry = new SimRegistry(new SimCas(TestPki.allCas()), TestPki.CLOCK, TestPki.RANDOM,
            TestPki::key, new MemoryStore());
    private SimHttpServer server;
    private WebClient client;

    @BeforeEach
    void start(Vertx vertx) {
        server = SimHttpServer.start(vertx, SimPublisherSources.of(registry, TestPki.CLOCK), "127.0.0.1", 0).await();
        client = WebClient.create(vertx);
    }

    @AfterEach
    void stop() {
        client.close();
        server.close().await();
    }

    private HttpResponse<Buffer> get(String path) {
        return client.get(server.port(), "127.0.0.1", path).send().await();
    }

    private HttpResponse<Buffer> linkage(CertId id) {
        return get("/linkage/" + id.caId() + "/" + id.serial().toString(16));
    }

    private static JsonObject json(CertId id) {
        return new JsonObject().put("ca", id.caId()).put("serial", id.serial().toString(16));
    }

    private Device issueCard() {
        return registry.life().issue(new CardRequest("山田", "太郎", LocalDate.of(1990, 1, 2), Gender.MALE,
                "東京都新宿区西新宿2-8-1", Municipality.parse("Tokyo/Shinjuku-ku"), "1234", "ABC123", KeyAlgorithm.RSA_2048));
    }

    @Test
    void renewalsChainTheAuthenticationCertificatesNearestFirst() {
        Device card = issueCard();
        CertId first = card.authentication();
        registry.life().renew(card.id());
        CertId second = registry.device(card.id()).authentication();
        registry.life().renew(card.id());
        CertId third = registry.device(card.id()).authentication();

        HttpResponse<Buffer> latest = linkage(third);
        assertThat(latest.statusCode()).isEqualTo(200);
        assertThat(latest.getHeader("Content-Type")).isEqualTo("application/json");
        assertThat(latest.bodyAsJsonObject()).isEqualTo(new JsonObject()
                .put("certificate", json(third))
                .put("predecessors", new io.vertx.core.json.JsonArray().add(json(second)).add(json(first)))
                .put("successor", null)
                .put("companion", null));
        JsonObject oldest = linkage(first).bodyAsJsonObject();
        assertThat(oldest.getJsonArray("predecessors")).isEmpty();
        assertThat(oldest.getJsonObject("successor")).isEqualTo(json(second));
    }

    @Test
    void aMoveLinksOnlyTheSignatureCertificateAndUpperCaseHexIsAccepted() {
        Device card = issueCard();
        registry.life().move(card.personId(), Municipality.parse("Osaka/Kita-ku"), "大阪府大阪市北区1-1");
        CertId moved = registry.device(card.id()).signature();

        JsonObject answer = get("/linkage/" + moved.caId() + "/" + moved.serial().toString(16).toUpperCase())
                .bodyAsJsonObject();
        assertThat(answer.getJsonArray("predecessors").getList()).hasSize(1);
        assertThat(answer.getJsonArray("predecessors").getJsonObject(0)).isEqualTo(json(card.signature()));
        assertThat(linkage(card.authentication()).bodyAsJsonObject().getJsonObject("successor")).isNull();
    }

    @Test
    void signatureAndPhoneCertificatesNameTheCardAuthenticationCertificateAsCompanion() {
        Device card = issueCard();
        Device phone = registry.life().issuePhone(card.id(), TokenName.ANDROID, "5678", "PHONE1");
        assertThat(linkage(card.signature()).bodyAsJsonObject().getJsonObject("companion")).isEqualTo(json(card.authentication()));
        assertThat(linkage(phone.authentication()).bodyAsJsonObject().getJsonObject("companion"))
                .isEqualTo(json(card.authentication()));
        assertThat(linkage(phone.signature()).bodyAsJsonObject().getJsonObject("companion"))
                .isEqualTo(json(card.authentication()));

        registry.life().move(card.personId(), Municipality.parse("Osaka/Kita-ku"), "大阪府大阪市北区1-1");
        CertId moved = registry.device(card.id()).signature();
        assertThat(linkage(moved).bodyAsJsonObject().getJsonObject("companion"))
                .as("a new signature certificate on the same card goes with the card's authentication certificate")
                .isEqualTo(json(card.authentication()));
    }

    @Test
    void unknownCertificatesAndCasAre404AndMalformedSerials400() {
        Device card = issueCard();
        CertId auth = card.authentication();
        HttpResponse<Buffer> unknownSerial = linkage(new CertId(auth.caId(), auth.serial().add(java.math.BigInteger.TEN)));
        assertThat(unknownSerial.statusCode()).isEqualTo(404);
        assertThat(unknownSerial.getHeader("Content-Type")).isEqualTo(Problem.CONTENT_TYPE);
        assertThat(unknownSerial.bodyAsJsonObject().getString("type")).isEqualTo("urn:jpki-sim:problem:unknown-certificate");
        HttpResponse<Buffer> otherGeneration = linkage(new CertId("auth-2025", auth.serial()));
        assertThat(otherGeneration.statusCode()).as("the serial exists under another generation only").isEqualTo(404);
        assertThat(get("/linkage/auth-1999/1").bodyAsJsonObject().getString("type")).isEqualTo("urn:jpki-sim:problem:unknown-ca");
        for (String serial : new String[] {"xyz", "-1", "0x1a", "1".repeat(41), "%20"}) {
            HttpResponse<Buffer> malformed = get("/linkage/" + auth.caId() + "/" + serial);
            assertThat(malformed.statusCode()).as(serial).isEqualTo(400);
            assertThat(malformed.getHeader("Content-Type")).isEqualTo(Problem.CONTENT_TYPE);
        }
    }
}
