package jp.jpkigate.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import jp.jpkigate.gateway.TestVertx;
import jp.jpkigate.gateway.config.ConfigLoader;
import jp.jpkigate.gateway.config.GatewayConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole dev-mode gateway: embedded Redis, verticle, and a clean stop. */
class GatewayAppTest {
    @TempDir
    Path dataDir;

    private Vertx vertx;

    @BeforeEach
    void createVertx() {
        vertx = TestVertx.create();
    }

    @AfterEach
    void closeVertx() throws Exception {
        TestVertx.await(vertx.close());
    }

    @Test
    void startsServesAndStopsEverything() throws Exception {
        GatewayConfig config = ConfigLoader.parse(null, Map.of(
                "JPKI_GATE_HTTP_PORT", "0", "JPKI_GATE_DATA_DIR", dataDir.toString(), "JPKI_GATE_SIM_PORT", "0"));
        GatewayApp app = new GatewayApp(vertx, config, Clock.systemUTC());

        TestVertx.await(app.start());
        var ready = TestVertx.await(WebClient.create(vertx).get(app.httpPort(), "127.0.0.1", "/health/ready").send());


        assertThat(ready.statusCode()).isEqualTo(200);
        int simPort = Integer.parseInt(app.urls().stream().filter(line -> line.startsWith("simulator:"))
                .findFirst().orElseThrow().replaceAll(".*localhost:(\\d+).*", "$1"));
        var cas = TestVertx.await(WebClient.create(vertx).get(simPort, "127.0.0.1", "/ca").send());
        assertThat(cas.statusCode()).isEqualTo(200);
        assertThat(cas.bodyAsJsonArray()).hasSize(4);
        assertThat(dataDir.resolve("sim").resolve("registry.json")).exists();
        assertThat(app.openIdProvider().orElseThrow().linkageUrl()).as("dev: pairwise sub follows the simulator's linkage")
                .contains("http://127.0.0.1:" + simPort);
        var linkage = TestVertx.await(WebClient.create(vertx).get(simPort, "127.0.0.1", "/linkage/"
                + cas.bodyAsJsonArray().getJsonObject(0).getString("id") + "/1").send());
        assertThat(linkage.bodyAsJsonObject().getString("type")).isEqualTo("urn:jpki-sim:problem:unknown-certificate");
        var discovery = TestVertx.await(WebClient.create(vertx)
                .get(app.httpPort(), "127.0.0.1", "/.well-known/openid-configuration").send());
        assertThat(discovery.statusCode()).isEqualTo(200);
        assertThat(discovery.bodyAsJsonObject().getString("issuer")).isEqualTo(config.http().publicBaseUrl());
        var jwks = TestVertx.await(WebClient.create(vertx).get(app.httpPort(), "127.0.0.1", "/jwks").send());
        assertThat(jwks.bodyAsJsonObject().getJsonArray("keys")).hasSize(1);
        assertThat(jwks.bodyAsString()).doesNotContain("\"d\"");
        var unknownClient = TestVertx.await(WebClient.create(vertx)
                .get(app.httpPort(), "127.0.0.1", "/authorize?client_id=nobody&response_type=code").send());
        assertThat(unknownClient.statusCode()).isEqualTo(400);
        assertThat(Files.isDirectory(dataDir.resolve("redis"))).isTrue();
        assertThat(app.urls()).anySatisfy(line -> assertThat(line).startsWith("redis:").contains("embedded"))
                .anySatisfy(line -> assertThat(line).startsWith("simulator:"))
                .anySatisfy(line -> assertThat(line).endsWith("/health/ready"));

        TestVertx.await(app.stop());
        TestVertx.await(app.stop());
        assertThat(vertx.deploymentIDs()).isEmpty();
    }
}
