package jp.jpkigate.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The settings of running under an orchestrator: the metrics listener, the drain on shutdown, Redis topologies. */
class OperationsConfigTest {
    private static final Map<String, String> PROD_ENV = Map.of(
            "JPKI_GATE_MODE", "prod",
            "REDIS_URL", "redis://redis:6379",
            "JPKI_GATE_PUBLIC_URL", "https://gate.example.jp",
            "JPKI_GATE_REVOCATION_URL", "https://crl.example.jp",
            "JPKI_GATE_OCSP_CERT_FILE", "/s/ocsp.pem",
            "JPKI_GATE_OCSP_KEY_FILE", "/s/ocsp-key.pem",
            "JPKI_GATE_OIDC_PAIRWISE_SECRET_FILE", "/s/pairwise",
            "JPKI_GATE_KEYS_ENCRYPTION_KEY_FILE", "/s/kek",
            "JPKI_GATE_JLIS_URL", "https://jlis.example.jp");

    @Test
    void metricsListenOnTheirOwnPortByDefault() throws Exception {
        assertThat(ConfigLoader.parse(null, Map.of()).metrics()).isEqualTo(new MetricsSettings(true, "127.0.0.1", 0));
        assertThat(ConfigLoader.parse(null, PROD_ENV).metrics()).isEqualTo(new MetricsSettings(true, "0.0.0.0", 9090));
        assertThat(ConfigLoader.parse("{\"metrics\": {\"enabled\": false}}", Map.of()).metrics().enabled()).isFalse();
        assertThat(ConfigLoader.parse(null, with(PROD_ENV, "JPKI_GATE_METRICS_PORT", "9464")).metrics().port()).isEqualTo(9464);
    }

    @Test
    void theMetricsPortMustBeItsOwn() {
        assertThatThrownBy(() -> ConfigLoader.parse(null, with(PROD_ENV, "JPKI_GATE_METRICS_PORT", "8080")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("metrics.port: must differ from http.port, admin.port and simulator.port, got 8080");
        assertThatThrownBy(() -> ConfigLoader.parse("{\"metrics\": {\"host\": \" \", \"port\": 70000}}", Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("metrics.port: must be 0..65535");
    }

    @Test
    void shutdownDrainsTwentySecondsByDefault() throws Exception {
        ShutdownSettings defaults = ConfigLoader.parse(null, Map.of()).shutdown();
        assertThat(defaults).isEqualTo(new ShutdownSettings(Duration.ZERO, Duration.ofSeconds(20)));
        ShutdownSettings set = ConfigLoader.parse(null, Map.of("JPKI_GATE_SHUTDOWN_DELAY_SECONDS", "5",
                "JPKI_GATE_SHUTDOWN_DRAIN_SECONDS", "30")).shutdown();
        assertThat(set.total()).isEqualTo(Duration.ofSeconds(35));
        assertThatThrownBy(() -> ConfigLoader.parse("{\"shutdown\": {\"drainSeconds\": -1, \"delaySeconds\": \"x\"}}", Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("shutdown.drainSeconds: must be 0..600")
                .hasMessageContaining("shutdown.delaySeconds: must be an integer");
    }

    @Test
    void slowRequestAndClientRateLimitsHaveDefaultsAndBounds() throws Exception {
        assertThat(ConfigLoader.parse(null, Map.of()).limits()).isEqualTo(LimitSettings.DEFAULTS);
        LimitSettings set = ConfigLoader.parse("{\"limits\": {\"requestHeadSeconds\": 5, \"clientRequestBurst\": 10}}",
                Map.of("JPKI_GATE_LIMITS_REQUEST_BODY_SECONDS", "20", "JPKI_GATE_LIMITS_CLIENT_REQUESTS_PER_MINUTE", "0",
                        "JPKI_GATE_LIMITS_KEEP_ALIVE_SECONDS", "65")).limits();
        assertThat(set.requestHead()).isEqualTo(Duration.ofSeconds(5));
        assertThat(set.requestBody()).isEqualTo(Duration.ofSeconds(20));
        assertThat(set.keepAlive()).isEqualTo(Duration.ofSeconds(65));
        assertThat(set.clientRequests().isOff()).isTrue();
        assertThat(set.clientRequests().burst()).isEqualTo(10);
        assertThatThrownBy(() -> ConfigLoader.parse("{\"limits\": {\"requestHeadSeconds\": 0, \"clientRequestBurst\": 0,"
                + " \"clientRequestsPerMinute\": -1, \"nope\": 1}}", Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("limits.requestHeadSeconds: must be 1..300")
                .hasMessageContaining("limits.clientRequestBurst: must be 1..1000000")
                .hasMessageContaining("limits.clientRequestsPerMinute: must be 0..1000000")
                .hasMessageContaining("limits.nope: unknown key");
    }

    @Test
    void redisMayBeSentinelOrCluster() throws Exception {
        String sentinel = "rediss-sentinel://:pw@s1:26379,s2:26379/0?master=jpki";
        assertThat(ConfigLoader.parse(null, with(PROD_ENV, "REDIS_URL", sentinel)).redis().externalUrl()).contains(sentinel);
        String cluster = "redis-cluster://u:pw@c1:6379,c2:6379";
        assertThat(ConfigLoader.parse(null, with(PROD_ENV, "REDIS_URL", cluster)).redis().externalUrl()).contains(cluster);
        assertThatThrownBy(() -> ConfigLoader.parse(null, with(PROD_ENV, "REDIS_URL", "memcached://secret@m:11211")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("redis.url: must start with redis://, rediss://, unix://, redis-sentinel://")
                .hasMessageNotContaining("secret");
    }

    private static Map<String, String> with(Map<String, String> env, String name, String value) {
        Map<String, String> copy = new HashMap<>(env);
        copy.put(name, value);
        return copy;
    }
}
