package jp.jpkigate.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetSocket;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import jp.jpkigate.gateway.TestVertx;
import jp.jpkigate.gateway.config.ConfigLoader;
import jp.jpkigate.gateway.config.GatewayConfig;
import jp.jpkigate.idp.key.KeyEncryptionKey;
import jp.jpkigate.idp.key.KeyLoadException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole dev-mode gateway: embedded Redis, verticle, and a clean stop; the signing keys kept
 * across restarts (sealed with a key-encryption key generated under the data dir) and the admin API
 * on its own port behind a token generated at start.
 */
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

    /**
     * The Prometheus texts name every business and the cache's state: they are on the metrics listener
     * only. Every HTTP verticle pushes with its own replica id, but counts in the process's one set of
     * counters, which the metrics listener serves; on the public listener these paths are unknown (404).
     */
    @Test
    void theModulesMetricsAreOnTheMetricsListenerOnly() throws Exception {
        GatewayApp app = app(Map.of("JPKI_GATE_HTTP_INSTANCES", "2"));
        TestVertx.await(app.start());
        try {
            app.feedMetrics().retried("bank-x");
            WebClient client = WebClient.create(vertx, new WebClientOptions().setKeepAlive(false));
            assertThat(app.metricsPort()).isPositive().isNotEqualTo(app.httpPort()).isNotEqualTo(app.adminPort());
            var feed = TestVertx.await(client.get(app.metricsPort(), "127.0.0.1", "/feed/metrics").send());
            assertThat(feed.bodyAsString()).contains("jpkigate_feed_retries_total{client=\"bank-x\"} 1");
            var revocation = TestVertx.await(client.get(app.metricsPort(), "127.0.0.1", "/revocation/metrics").send());
            assertThat(revocation.bodyAsString()).contains("jpki_revocation_index_hits_total");
            assertThat(TestVertx.await(client.delete(app.metricsPort(), "127.0.0.1", "/feed/metrics").send()).statusCode())
                    .isEqualTo(405);
            assertThat(TestVertx.await(client.get(app.metricsPort(), "127.0.0.1", "/metrics").send()).statusCode())
                    .as("a Vert.x without Micrometer records no meters").isEqualTo(404);
            for (int i = 0; i < 4; i++) {
                for (String path : new String[] {"/feed/metrics", "/revocation/metrics", "/metrics"}) {
                    var onPublic = TestVertx.await(client.get(app.httpPort(), "127.0.0.1", path).send());
                    assertThat(onPublic.statusCode()).as(path + " on the public listener, scrape " + i).isEqualTo(404);
                    assertThat(onPublic.bodyAsString()).doesNotContain("bank-x").doesNotContain("jpki_revocation");
                }
            }
            String metricsBase = "http://127.0.0.1:" + app.metricsPort();
            assertThat(app.urls()).contains("metrics:        " + metricsBase + "/revocation/metrics  (cluster-internal)",
                    "feed metrics:   " + metricsBase + "/feed/metrics  (cluster-internal)");
        } finally {
            TestVertx.await(app.stop());
        }
    }

    /** {@code metrics.enabled=false}: no metrics listener, so the modules' texts are served nowhere. */
    @Test
    void metricsOffMeansNoMetricsListener() throws Exception {
        GatewayApp app = app(Map.of("JPKI_GATE_METRICS_ENABLED", "false"));
        TestVertx.await(app.start());
        try {
            assertThat(app.metricsPort()).isEqualTo(-1);
            assertThat(app.urls()).noneSatisfy(line -> assertThat(line).contains("metrics"));
            var onPublic = TestVertx.await(WebClient.create(vertx).get(app.httpPort(), "127.0.0.1", "/revocation/metrics").send());
            assertThat(onPublic.statusCode()).isEqualTo(404);
        } finally {
            TestVertx.await(app.stop());
        }
    }

    /** The listener applies {@code limits.requestHeadSeconds}: a header that never ends is cut (h2c would hold it back). */
    @Test
    void theListenerCutsAHeaderThatNeverEnds() throws Exception {
        GatewayApp app = new GatewayApp(vertx, ConfigLoader.parse(null, Map.of("JPKI_GATE_HTTP_PORT", "0",
                "JPKI_GATE_DATA_DIR", dataDir.toString(), "JPKI_GATE_SIM_PORT", "0",
                "JPKI_GATE_LIMITS_REQUEST_HEAD_SECONDS", "1")), Clock.systemUTC());
        TestVertx.await(app.start());
        try {
            NetSocket socket = TestVertx.await(vertx.createNetClient().connect(app.httpPort(), "127.0.0.1"));
            CompletableFuture<Void> closed = new CompletableFuture<>();
            socket.closeHandler(v -> closed.complete(null));
            TestVertx.await(socket.write("GET /health/live HTTP/1.1\r\nHost: localhost\r\nX-Slow: a"));
            closed.get(10, TimeUnit.SECONDS);
            var live = TestVertx.await(WebClient.create(vertx).get(app.httpPort(), "127.0.0.1", "/health/live").send());
            assertThat(live.statusCode()).isEqualTo(200);
        } finally {
            TestVertx.await(app.stop());
        }
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
        assertThat(jwks.bodyAsJsonObject().getJsonArray("keys")).as("the current and the next key").hasSize(2);
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

    private GatewayApp app() throws Exception {
        return app(Map.of());
    }

    /** A dev-mode app on free ports under the temp data dir, with {@code moreEnv} over that environment. */
    private GatewayApp app(Map<String, String> moreEnv) throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("JPKI_GATE_HTTP_PORT", "0", "JPKI_GATE_DATA_DIR", dataDir.toString(),
                "JPKI_GATE_SIM_PORT", "0"));
        env.putAll(moreEnv);
        return new GatewayApp(vertx, ConfigLoader.parse(null, env), Clock.systemUTC());
    }

    private List<String> kids(GatewayApp app) throws Exception {
        var jwks = TestVertx.await(WebClient.create(vertx).get(app.httpPort(), "127.0.0.1", "/jwks").send());
        return jwks.bodyAsJsonObject().getJsonArray("keys").stream().map(k -> ((JsonObject) k).getString("kid")).toList();
    }

    @Test
    void devKeysPersistAndTheAdminApiWantsTheTokenGivenOutOnce() throws Exception {
        GatewayApp first = app();
        TestVertx.await(first.start());
        Path kek = dataDir.resolve(AdminModule.DEV_KEK);
        assertThat(Files.getPosixFilePermissions(kek)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        String token = first.takeDevAdminToken().orElseThrow();
        assertThat(first.takeDevAdminToken()).isEmpty();
        assertThat(first.adminPort()).isPositive().isNotEqualTo(first.httpPort());
        assertThat(first.urls()).anySatisfy(line -> assertThat(line).startsWith("admin API:").contains(":" + first.adminPort() + "/admin/"))
                .allSatisfy(line -> assertThat(line).doesNotContain(token));
        WebClient admin = WebClient.create(vertx);
        var keys = TestVertx.await(admin.get(first.adminPort(), "127.0.0.1", "/admin/keys").bearerTokenAuthentication(token).send());
        assertThat(keys.statusCode()).isEqualTo(200);
        assertThat(keys.bodyAsJsonObject().getJsonArray("keys")).hasSize(2);
        assertThat(TestVertx.await(admin.get(first.adminPort(), "127.0.0.1", "/admin/keys").send()).statusCode()).isEqualTo(401);
        var notPublic = TestVertx.await(WebClient.create(vertx).get(first.httpPort(), "127.0.0.1", "/admin/keys")
                .bearerTokenAuthentication(token).send());
        assertThat(notPublic.statusCode()).as("the admin API is not on the public listener").isEqualTo(404);
        List<String> kids = kids(first);
        TestVertx.await(first.stop());

        GatewayApp second = app();
        TestVertx.await(second.start());
        assertThat(kids(second)).as("the same keys after a restart").isEqualTo(kids);
        assertThat(second.takeDevAdminToken()).get().isNotEqualTo(token);
        TestVertx.await(second.stop());

        Files.write(kek, KeyEncryptionKey.generateFileContent(new SecureRandom()));
        GatewayApp third = app();
        assertThatThrownBy(() -> TestVertx.await(third.start()))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(KeyLoadException.class).hasMessageContaining("key-encryption key");
        TestVertx.await(third.stop());
    }
}
