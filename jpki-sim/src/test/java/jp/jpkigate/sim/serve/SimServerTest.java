package jp.jpkigate.sim.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import jp.jpkigate.sim.ca.FourInfo.Gender;
import jp.jpkigate.sim.ca.KeyAlgorithm;
import jp.jpkigate.sim.ca.Municipality;
import jp.jpkigate.sim.card.TestPki;
import jp.jpkigate.sim.consent.ConsentFile;
import jp.jpkigate.sim.consent.ConsentRegistry;
import jp.jpkigate.sim.consent.SignedConsents;
import jp.jpkigate.sim.registry.CardRequest;
import jp.jpkigate.sim.registry.Device;
import jp.jpkigate.sim.registry.SimState;
import org.bouncycastle.cert.X509CRLHolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jpki-sim serve}: what the CLI changes in another process is published (CRLs, linkage) after a
 * reload; the consent registry is shared with the CLI at once.
 */
@ExtendWith(VertxExtension.class)
class SimServerTest {
    @TempDir
    Path dir;

    private Path state;
    private SimServer server;
    private WebClient client;

    @BeforeEach
    void start(Vertx vertx) {
        state = dir.resolve("state");
        server = SimServer.start(vertx, state, "127.0.0.1", 0, TestPki.CLOCK, Duration.ofHours(1)).await();
        client = WebClient.create(vertx);
    }

    @AfterEach
    void stop() {
        client.close();
        server.close().await();
    }

    @Test
    void publishesWhatAnotherProcessChanged() throws Exception {
        HttpResponse<Buffer> cas = client.get(server.port(), "127.0.0.1", "/ca").send().await();
        assertThat(cas.statusCode()).isEqualTo(200);
        assertThat(cas.bodyAsJsonArray()).hasSize(4);
        assertThat(crl(client, server).getRevokedCertificates()).isEmpty();

        // "another process": the CLI opens the same directory, issues a card and moves the person
        SimState cli = SimState.open(state, TestPki.CLOCK, TestPki.RANDOM);
        Device card = cli.registry().life().issue(new CardRequest("山田", "太郎", LocalDate.of(1990, 1, 2),
                Gender.MALE, "東京都新宿区", new Municipality("Tokyo", "Shinjuku-ku"), "1234", "ABC123",
                KeyAlgorithm.RSA_2048));
        cli.registry().life().move(card.personId(), new Municipality("Osaka", "Kita-ku"), "大阪府大阪市北区");
        cli.save();

        assertThat(server.reloadNow().await()).isTrue();
        assertThat(server.reloadNow().await()).isFalse();
        BigInteger revoked = card.signature().serial();
        assertThat(crl(client, server).getRevokedCertificate(revoked)).isNotNull();
        BigInteger moved = cli.registry().device(card.id()).signature().serial();
        HttpResponse<Buffer> linkage = client.get(server.port(), "127.0.0.1", "/linkage/sign-2026/" + moved.toString(16))
                .send().await();
        assertThat(linkage.bodyAsJsonObject().getJsonArray("predecessors").getJsonObject(0).getString("serial"))
                .isEqualTo(revoked.toString(16));
    }

    @Test
    void theServedConsentRegistryAndTheCliShareTheStateDirectory() throws Exception {
        SimState cli = SimState.open(state, TestPki.CLOCK, TestPki.RANDOM);
        Device card = SignedConsents.issue(cli.registry(), "山田");
        cli.save();
        assertThat(server.reloadNow().await()).isTrue();
        HttpResponse<Buffer> registered = client.post(server.port(), "127.0.0.1", "/jlis/consents")
                .sendJsonObject(SignedConsents.consent(cli.registry(), card.id(), "pf-1", "bank-001", "address"))
                .await();
        assertThat(registered.statusCode()).as(registered.bodyAsString()).isEqualTo(201);
        String registryId = registered.bodyAsJsonObject().getString("registry_id");

        // the person withdraws in J-LIS's app (the CLI, another process): the PF sees it in the changes
        new ConsentRegistry(cli::registry, new ConsentFile(state), TestPki.CLOCK)
                .withdrawByPerson(card.personId(), registryId);
        JsonObject changes = client.get(server.port(), "127.0.0.1", "/jlis/consents?business_id=bank-001")
                .send().await().bodyAsJsonObject();
        assertThat(changes.getJsonArray("changes").getJsonObject(1).getString("withdrawn_by")).isEqualTo("person");
        assertThat(state.resolve(ConsentFile.FILE)).exists();

        // a new consent, then a move and a DV protection measure made with the CLI
        HttpResponse<Buffer> again = client.post(server.port(), "127.0.0.1", "/jlis/consents")
                .sendJsonObject(SignedConsents.consent(cli.registry(), card.id(), "pf-2", "bank-001", "address"))
                .await();
        cli.registry().life().move(card.personId(), new Municipality("Osaka", "Kita-ku"), "大阪府大阪市北区");
        cli.registry().life().protect(card.personId(), true);
        cli.save();
        assertThat(server.reloadNow().await()).isTrue();
        JsonObject provided = client.post(server.port(), "127.0.0.1", "/jlis/four-information")
                .sendJsonObject(new JsonObject().put("registry_id", again.bodyAsJsonObject().getString("registry_id"))
                        .put("certificate_serial", card.signature().serial().toString(16))
                        .put("issuer", card.signature().caId()))
                .await().bodyAsJsonObject();
        assertThat(provided.getString("certificate_serial"))
                .isEqualTo(cli.registry().device(card.id()).signature().serial().toString(16));
        assertThat(provided.getJsonArray("withheld").getList()).containsExactly("address");
    }

    private static X509CRLHolder crl(WebClient client, SimServer server) throws Exception {
        HttpResponse<Buffer> response = client.get(server.port(), "127.0.0.1", "/crl/sign-2026/full.crl").send().await();
        assertThat(response.statusCode()).isEqualTo(200);
        return new X509CRLHolder(response.body().getBytes());
    }
}
