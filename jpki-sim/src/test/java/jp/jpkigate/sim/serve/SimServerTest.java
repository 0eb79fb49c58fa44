package jp.jpkigate.sim.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
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
import jp.jpkigate.sim.registry.CardRequest;
import jp.jpkigate.sim.registry.Device;
import jp.jpkigate.sim.registry.SimState;
import org.bouncycastle.cert.X509CRLHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code jpki-sim serve}: what the CLI changes in another process is published (CRLs, linkage) after a reload. */
@ExtendWith(VertxExtension.class)
class SimServerTest {
    @TempDir
    Path dir;

    @Test
    void publishesWhatAnotherProcessChanged(Vertx vertx) throws Exception {
        Path state = dir.resolve("state");
        SimServer server = SimServer.start(vertx, state, "127.0.0.1", 0, TestPki.CLOCK, Duration.ofHours(1))
                .await();
        WebClient client = WebClient.create(vertx);
        try {
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
        } finally {
            client.close();
            server.close().await();
        }
    }

    private static X509CRLHolder crl(WebClient client, SimServer server) throws Exception {
        HttpResponse<Buffer> response = client.get(server.port(), "127.0.0.1", "/crl/sign-2026/full.crl").send().await();
        assertThat(response.statusCode()).isEqualTo(200);
        return new X509CRLHolder(response.body().getBytes());
    }
}
