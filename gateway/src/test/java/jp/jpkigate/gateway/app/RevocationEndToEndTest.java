package jp.jpkigate.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.jpkigate.gateway.config.MetricsSettings;
import jp.jpkigate.gateway.TestVertx;
import jp.jpkigate.gateway.config.ConfigLoader;
import jp.jpkigate.gateway.config.GatewayConfig;
import jp.jpkigate.sim.ca.FourInfo;
import jp.jpkigate.sim.ca.KeyAlgorithm;
import jp.jpkigate.sim.ca.Municipality;
import jp.jpkigate.sim.ca.Pem;
import jp.jpkigate.sim.registry.CardRequest;
import jp.jpkigate.sim.registry.Device;
import jp.jpkigate.sim.registry.SimState;
import jp.jpkigate.sim.serve.SimServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dev-mode gateway as a relying party's service would use it: the simulator revokes a
 * certificate, and once the gateway has fetched the CRL its check API and its OCSP responder
 * (asked by {@code openssl ocsp}) say revoked.
 */
class RevocationEndToEndTest {
    private static final String SECRET = "s3cret-of-bank-a";

    @TempDir
    Path dataDir;

    private Vertx vertx;
    private GatewayApp app;
    private WebClient client;

    @BeforeEach
    void start() throws Exception {
        // With Micrometer: the check's requests must keep their route label (the check is served ahead of the router).
        Metrics metrics = Metrics.start(new MetricsSettings(true, "127.0.0.1", 0));
        vertx = metrics.vertx();
        client = WebClient.create(vertx);
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(SECRET.getBytes(StandardCharsets.UTF_8)));
        GatewayConfig config = ConfigLoader.parse(null, Map.of("JPKI_GATE_HTTP_PORT", "0", "JPKI_GATE_SIM_PORT", "0",
                "JPKI_GATE_DATA_DIR", dataDir.toString(), "JPKI_GATE_REVOCATION_CLIENTS", "bank-a=" + hash));
        app = new GatewayApp(vertx, config, Clock.systemUTC(), Optional.of(metrics.registry()));
        TestVertx.await(app.start());
    }

    @AfterEach
    void stop() throws Exception {
        TestVertx.await(app.stop());
        client.close();
        TestVertx.await(vertx.close());
    }

    @Test
    void aRevocationPublishedByTheSimulatorIsRefusedByTheCheckApiAndOcsp() throws Exception {
        SimServer sim = app.simulator().orElseThrow();
        SimState state = SimState.open(sim.stateDir(), Clock.systemUTC(), new SecureRandom());
        Device card = state.registry().life().issue(new CardRequest("山田", "太郎", LocalDate.of(1990, 1, 2),
                FourInfo.Gender.MALE, "東京都新宿区", new Municipality("Tokyo", "Shinjuku-ku"), "1234", "ABC123",
                KeyAlgorithm.RSA_2048));
        state.save();
        Path cert = dataDir.resolve("auth.pem");
        Files.copy(state.store().certificateFile(card.authentication()), cert);
        String der = Base64.getEncoder().encodeToString(Pem.readCertificate(Files.readString(cert)).getEncoded());
        RevocationModule revocation = app.revocation().orElseThrow();
        TestVertx.await(sim.reloadNow());
        TestVertx.await(revocation.ingestNow());

        assertThat(check(der, SECRET).statusCode()).isEqualTo(200);
        assertThat(check(der, SECRET).bodyAsJsonObject().getJsonArray("results").getJsonObject(0).getString("status"))
                .isEqualTo("good");
        assertThat(check(der, "wrong").statusCode()).isEqualTo(401);
        Path ca = dataDir.resolve("auth-ca.pem");
        Files.writeString(ca, Pem.write(state.cas().byId(card.authentication().caId()).certificate()));
        assertThat(openssl(cert, ca)).contains("Response verify OK", cert + ": good");

        state.registry().life().lose(card.id());
        state.save();
        TestVertx.await(sim.reloadNow());
        TestVertx.await(revocation.ingestNow());

        JsonObject result = check(der, SECRET).bodyAsJsonObject().getJsonArray("results").getJsonObject(0);
        assertThat(result.getString("status")).isEqualTo("revoked");
        assertThat(result.getString("reason")).isEqualTo("certificateHold");
        assertThat(openssl(cert, ca)).contains("Response verify OK", cert + ": revoked", "Reason: certificateHold");
        HttpResponse<Buffer> metrics = TestVertx.await(client.get(app.metricsPort(), "127.0.0.1", "/revocation/metrics").send());
        assertThat(metrics.bodyAsString()).contains("auth-2026");
        String http = TestVertx.await(client.get(app.metricsPort(), "127.0.0.1", "/metrics").send()).bodyAsString();
        assertThat(http).containsPattern("vertx_http_server_requests_total\\{code=\"200\",local=\"[^\"]+\",method=\"POST\","
                + "route=\"/revocation/>/v1/check\"} 3\\.0");
        assertThat(http).containsPattern("vertx_http_server_requests_total\\{code=\"401\",[^}]*route=\"/revocation/>/v1/check\"} 1\\.0");
    }

    private HttpResponse<Buffer> check(String certificate, String secret) throws Exception {
        return TestVertx.await(client.post(app.httpPort(), "127.0.0.1", "/revocation/v1/check")
                .basicAuthentication("bank-a", secret)
                .sendJsonObject(new JsonObject().put("certificate", certificate)));
    }

    private String openssl(Path cert, Path ca) throws Exception {
        List<String> command = new ArrayList<>(List.of("openssl", "ocsp", "-issuer", ca.toString(), "-cert",
                cert.toString(), "-url", "http://127.0.0.1:" + app.httpPort() + "/revocation/ocsp",
                "-VAfile", RevocationModule.DEV_RESPONDER_FILE));
        Process process = new ProcessBuilder(command).directory(dataDir.toFile()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(out).isZero();
        return out;
    }
}
