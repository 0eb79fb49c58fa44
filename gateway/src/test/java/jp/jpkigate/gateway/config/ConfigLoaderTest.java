package jp.jpkigate.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    private static final Map<String, String> PROD_ENV = Map.ofEntries(
            Map.entry("JPKI_GATE_MODE", "prod"),
            Map.entry("REDIS_URL", "redis://redis:6379"),
            Map.entry("JPKI_GATE_PUBLIC_URL", "https://gate.example.jp"),
            Map.entry("JPKI_GATE_REVOCATION_URL", "https://crl.example.jp"),
            Map.entry("JPKI_GATE_OCSP_CERT_FILE", "/etc/jpki-gate/ocsp.pem"),
            Map.entry("JPKI_GATE_OCSP_KEY_FILE", "/etc/jpki-gate/ocsp-key.pem"),
            Map.entry("JPKI_GATE_REVOCATION_CLIENTS", "bank-a=" + "ab".repeat(32) + ",carrier-b=" + "CD".repeat(32)),
            Map.entry("JPKI_GATE_OIDC_KEYS_DIR", "/etc/jpki-gate/keys"),
            Map.entry("JPKI_GATE_OIDC_PAIRWISE_SECRET_FILE", "/etc/jpki-gate/pairwise-secret"),
            Map.entry("JPKI_GATE_KEYS_ENCRYPTION_KEY_FILE", "/etc/jpki-gate/kek"),
            Map.entry("JPKI_GATE_JLIS_URL", "https://jlis.example.jp"));

    @Test
    void devDefaults() throws Exception {
        GatewayConfig config = ConfigLoader.parse(null, Map.of());

        assertThat(config.mode()).isEqualTo(Mode.DEV);
        assertThat(config.http()).isEqualTo(new GatewayConfig.Http("127.0.0.1", 8080, "http://localhost:8080", Runtime.getRuntime().availableProcessors()));
        assertThat(config.redis().externalUrl()).isEmpty();
        assertThat(config.redis().embeddedPort()).isZero();
        assertThat(config.dataDir()).isEqualTo(Path.of("./data"));
        assertThat(config.simulator()).isEqualTo(new GatewayConfig.Simulator(true, 8081));
        assertThat(config.trustAnchors()).isEqualTo(TrustAnchors.SIM);
    }

    @Test
    void prodDefaults() throws Exception {
        GatewayConfig config = ConfigLoader.parse(null, PROD_ENV);

        assertThat(config.http().host()).isEqualTo("0.0.0.0");
        assertThat(config.http().publicBaseUrl()).isEqualTo("https://gate.example.jp");
        assertThat(config.redis().externalUrl()).contains("redis://redis:6379");
        assertThat(config.simulator().enabled()).isFalse();
        assertThat(config.trustAnchors()).isEqualTo(TrustAnchors.JLIS);
        assertThat(config.revocation().publisherUrl()).isEqualTo("https://crl.example.jp");
        assertThat(config.revocation().refresh()).isEqualTo(java.time.Duration.ofMinutes(15));
        assertThat(config.revocation().clientSecretHashes()).containsOnlyKeys("bank-a", "carrier-b");
        assertThat(config.revocation().toString()).doesNotContain("abab");
    }

    @Test
    void certificateLinkageIsOptionalAndMustBeAnHttpUrl() throws Exception {
        assertThat(ConfigLoader.parse(null, Map.of()).oidc().linkageUrl()).as("dev: the simulator's").isNull();
        assertThat(ConfigLoader.parse(null, PROD_ENV).describe()).contains("linkage:           none (sub changes on card renewal)");
        Map<String, String> env = new java.util.HashMap<>(PROD_ENV);
        env.put("JPKI_GATE_OIDC_LINKAGE_URL", "https://linkage.example.jp");
        GatewayConfig config = ConfigLoader.parse(null, env);
        assertThat(config.oidc().linkageUrl()).isEqualTo("https://linkage.example.jp");
        assertThat(config.describe()).contains("linkage:           https://linkage.example.jp");
        assertThatThrownBy(() -> ConfigLoader.parse("{\"oidc\": {\"linkageUrl\": \"jlis.example\"}}", Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.mistakes()).containsExactly(
                        "oidc.linkageUrl: must be an http(s) URL, got jlis.example"));
    }

    @Test
    void singleSignOnSessionLifetimes() throws Exception {
        GatewayConfig defaults = ConfigLoader.parse(null, Map.of());
        assertThat(defaults.oidc().sessionIdle()).isEqualTo(java.time.Duration.ofMinutes(30));
        assertThat(defaults.oidc().sessionMax()).isEqualTo(java.time.Duration.ofHours(8));
        assertThat(defaults.describe()).contains("sessions:          30 min idle, 480 min after the card at most");
        GatewayConfig set = ConfigLoader.parse("{\"oidc\": {\"sessionIdleMinutes\": 10}}",
                Map.of("JPKI_GATE_OIDC_SESSION_MAX_MINUTES", "60"));
        assertThat(set.oidc().sessionIdle()).isEqualTo(java.time.Duration.ofMinutes(10));
        assertThat(set.oidc().sessionMax()).isEqualTo(java.time.Duration.ofMinutes(60));
        assertThatThrownBy(() -> ConfigLoader.parse(null, Map.of("JPKI_GATE_OIDC_SESSION_IDLE_MINUTES", "90",
                "JPKI_GATE_OIDC_SESSION_MAX_MINUTES", "60")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.mistakes()).containsExactly(
                        "oidc.sessionMaxMinutes: must be at least oidc.sessionIdleMinutes (90) (from JPKI_GATE_OIDC_SESSION_MAX_MINUTES)"));
        assertThatThrownBy(() -> ConfigLoader.parse("{\"oidc\": {\"sessionIdleMinutes\": 0}}", Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.mistakes()).containsExactly(
                        "oidc.sessionIdleMinutes: must be 1..720, got 0"));
    }

    @Test
    void revocationMistakes() {
        String json = """
                {"revocation": {"publisherUrl": "ftp://x", "refreshSeconds": 0, "clients": {"bank": "short"},
                  "ocspResponder": {"certFile": "cert.pem"}}}""";

        assertThatThrownBy(() -> ConfigLoader.parse(json, Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.mistakes()).containsExactlyInAnyOrder(
                        "revocation.publisherUrl: must be an http(s) URL, got ftp://x",
                        "revocation.refreshSeconds: must be 1..86400, got 0",
                        "revocation.clients: client 'bank' needs a non-blank id and a 64-digit hex SHA-256 of its secret",
                        "revocation.ocspResponder: certFile and keyFile go together"));
    }

    @Test
    void keyRotationAndAdminApiDefaultsPerMode() throws Exception {
        GatewayConfig dev = ConfigLoader.parse(null, Map.of());
        assertThat(dev.keys()).isEqualTo(new GatewayConfig.Keys(null, "ES256", java.time.Duration.ofHours(1),
                java.time.Duration.ofDays(90)));
        assertThat(dev.admin().enabled()).as("dev: a token generated at start").isTrue();
        assertThat(dev.admin().host()).isEqualTo("127.0.0.1");
        assertThat(dev.admin().port()).as("dev: a free port").isZero();
        GatewayConfig prod = ConfigLoader.parse(null, PROD_ENV);
        assertThat(prod.keys().encryptionKeyFile()).isEqualTo(Path.of("/etc/jpki-gate/kek"));
        assertThat(prod.admin().enabled()).as("prod without tokens: no admin API").isFalse();
        Map<String, String> env = new java.util.HashMap<>(PROD_ENV);
        env.putAll(Map.of("JPKI_GATE_ADMIN_TOKENS", "ops=" + "ef".repeat(32), "JPKI_GATE_KEYS_ALGORITHM", "EdDSA",
                "JPKI_GATE_KEYS_PROPAGATION_SECONDS", "7200", "JPKI_GATE_KEYS_ROTATION_DAYS", "0", "JPKI_GATE_ADMIN_SYNC_SECONDS", "2"));
        GatewayConfig configured = ConfigLoader.parse(null, env);
        assertThat(configured.admin()).isEqualTo(new GatewayConfig.Admin(true, "0.0.0.0", 8082, Map.of("ops", "ef".repeat(32)),
                java.time.Duration.ofSeconds(2)));
        assertThat(configured.admin().toString()).contains("ops").doesNotContain("efef");
        assertThat(configured.keys().algorithm()).isEqualTo("EdDSA");
        assertThat(configured.keys().rotation()).isZero();
        assertThat(configured.describe()).contains("rotated on request", "8082 (internal network only)").doesNotContain("efef");
    }

    @Test
    void keyRotationAndAdminMistakes() {
        String json = """
                {"keys": {"algorithm": "RS256", "propagationSeconds": 60, "rotationDays": 1},
                 "admin": {"port": 8080, "tokens": {"ops": "not-a-hash"}, "syncSeconds": 0}}""";
        assertThatThrownBy(() -> ConfigLoader.parse(json, Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.mistakes()).containsExactlyInAnyOrder(
                        "keys.algorithm: must be one of ES256, PS256, EdDSA, got RS256",
                        "keys.propagationSeconds: must be 300..604800, got 60",
                        "admin.tokens: client 'ops' needs a non-blank id and a 64-digit hex SHA-256 of its secret",
                        "admin.syncSeconds: must be 1..300, got 0"));
        assertThatThrownBy(() -> ConfigLoader.parse("{\"keys\": {\"rotationDays\": 1}, \"admin\": {\"port\": 8080}}", Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.mistakes()).containsExactlyInAnyOrder(
                        "keys.rotationDays: must be 0 (on request only) or at least a day longer than keys.propagationSeconds",
                        "admin.port: must differ from http.port and simulator.port, got 8080"));
    }

    @Test
    void environmentOverridesTheFile() throws Exception {
        String json = """
                {"http": {"host": "10.0.0.1", "port": 9000}, "simulator": {"enabled": true, "port": 9001},
                  "dataDir": "/from/file"}""";
        Map<String, String> env = Map.of(
                "JPKI_GATE_HTTP_PORT", "9100",
                "JPKI_GATE_HTTP_HOST", "::1",
                "JPKI_GATE_DATA_DIR", "/from/env",
                "JPKI_GATE_SIM_ENABLED", "FALSE",
                "JPKI_GATE_SIM_PORT", "9101",
                "REDIS_URL", "redis://localhost:6380",
                "JPKI_GATE_SOMETHING_ELSE", "ignored");

        GatewayConfig config = ConfigLoader.parse(json, env);

        assertThat(config.http()).isEqualTo(new GatewayConfig.Http("::1", 9100, "http://localhost:9100", Runtime.getRuntime().availableProcessors()));
        assertThat(config.dataDir()).isEqualTo(Path.of("/from/env"));
        assertThat(config.simulator()).isEqualTo(new GatewayConfig.Simulator(false, 9101));
        assertThat(config.redis().externalUrl()).contains("redis://localhost:6380");
    }

    @Test
    void blankEnvironmentValuesCountAsUnset() throws Exception {
        GatewayConfig config = ConfigLoader.parse("{\"http\": {\"port\": 9000}}", Map.of("JPKI_GATE_HTTP_PORT", " "));

        assertThat(config.http().port()).isEqualTo(9000);
    }

    @Test
    void publicUrlLosesItsTrailingSlash() throws Exception {
        GatewayConfig config = ConfigLoader.parse(null, Map.of("JPKI_GATE_PUBLIC_URL", "https://gate.example.jp/"));

        assertThat(config.http().publicBaseUrl()).isEqualTo("https://gate.example.jp");
    }

    @Test
    void everyMistakeIsReportedTogether() {
        String json = """
                {"mode": "test", "http": {"host": 12, "port": 70000, "publicBaseUrl": "ftp://x"},
                  "redis": {"url": "localhost:6379", "embedded": {"port": 8.5}}, "dataDir": "",
                  "simulator": {"enabled": "maybe", "port": -1}, "trustAnchors": "none"}""";

        assertThatThrownBy(() -> ConfigLoader.parse(json, Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.mistakes()).containsExactlyInAnyOrder(
                            "mode: must be one of dev, prod, got test",
                            "http.host: must be a string, got 12",
                            "http.port: must be 0..65535, got 70000",
                            "http.publicBaseUrl: must be an http(s) URL with a host and no user, query or fragment, got ftp://x",
                            "redis.url: must start with redis://, rediss://, unix://, redis-sentinel://, rediss-sentinel://,"
                                + " redis-cluster:// or rediss-cluster://, got localhost:6379",
                            "redis.embedded.port: must be an integer, got 8.5",
                            "dataDir: must not be blank",
                            "simulator.enabled: must be true or false, got maybe",
                            "simulator.port: must be 0..65535, got -1",
                            "trustAnchors: must be one of sim, jlis, got none");
                    assertThat(e.getMessage().lines()).hasSize(10);
                });
    }

    @Test
    void environmentMistakesNameTheVariable() {
        assertThatThrownBy(() -> ConfigLoader.parse(null, Map.of("JPKI_GATE_HTTP_PORT", "80a", "JPKI_GATE_MODE", "Prod")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.mistakes()).containsExactly(
                        "mode: must be one of dev, prod, got Prod (from JPKI_GATE_MODE)",
                        "http.port: must be an integer, got 80a (from JPKI_GATE_HTTP_PORT)"));
    }

    @Test
    void unknownKeysAreMistakes() {
        String json = """
                {"htp": {"port": 1}, "http": {"prot": 1}, "redis": {"embedded": {"dir": "x"}}, "simulator": 3}""";

        assertThatThrownBy(() -> ConfigLoader.parse(json, Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.mistakes()).containsExactlyInAnyOrder(
                        "htp: unknown key", "http.prot: unknown key", "redis.embedded.dir: unknown key",
                        "simulator: must be a JSON object"));
    }

    @Test
    void prodForbidsDevShortcuts() {
        String json = """
                {"mode": "prod", "simulator": {"enabled": true}, "trustAnchors": "sim"}""";

        assertThatThrownBy(() -> ConfigLoader.parse(json, Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.mistakes()).containsExactlyInAnyOrder(
                        "http.publicBaseUrl: must be an https URL in prod mode (the OpenID issuer), got http://localhost:8080",
                        "redis.url: is required in prod mode (set REDIS_URL)",
                        "simulator.enabled: must be false in prod mode",
                        "trustAnchors: must be jlis in prod mode, got sim",
                        "revocation.publisherUrl: is required in prod mode (set JPKI_GATE_REVOCATION_URL)",
                        "revocation.ocspResponder: certFile and keyFile are required in prod mode",
                        "keys.encryptionKeyFile: is required in prod mode (set JPKI_GATE_KEYS_ENCRYPTION_KEY_FILE)",
                        "oidc.pairwiseSecretFile: is required in prod mode (set JPKI_GATE_OIDC_PAIRWISE_SECRET_FILE)",
                        "jlis.url: is required in prod mode (set JPKI_GATE_JLIS_URL)"));
    }

    @Test
    void consentWritesWaitForNoReplicaUnlessToldHowMany() throws Exception {
        assertThat(ConfigLoader.parse(null, Map.of()).redis().replicaWait()).isEqualTo(GatewayConfig.ReplicaWait.NONE);
        assertThat(ConfigLoader.parse(null, Map.of("JPKI_GATE_REDIS_WAIT_REPLICAS", "1", "JPKI_GATE_REDIS_WAIT_MILLIS", "250"))
                .redis().replicaWait()).isEqualTo(new GatewayConfig.ReplicaWait(1, java.time.Duration.ofMillis(250)));
        assertThatThrownBy(() -> ConfigLoader.parse(null, Map.of("JPKI_GATE_REDIS_WAIT_REPLICAS", "-1", "JPKI_GATE_REDIS_WAIT_MILLIS", "0")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.mistakes())
                        .anySatisfy(m -> assertThat(m).startsWith("redis.waitReplicas:"))
                        .anySatisfy(m -> assertThat(m).startsWith("redis.waitMillis:")));
    }

    @Test
    void theEmbeddedRedisSyncsEveryWriteUnlessToldOtherwise() throws Exception {
        assertThat(ConfigLoader.parse(null, Map.of()).redis().embeddedFsync()).isEqualTo("always");
        assertThat(ConfigLoader.parse(null, Map.of("JPKI_GATE_REDIS_FSYNC", "everysec")).redis().embeddedFsync())
                .isEqualTo("everysec");
        assertThatThrownBy(() -> ConfigLoader.parse(null, Map.of("JPKI_GATE_REDIS_FSYNC", "never")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.mistakes())
                        .anySatisfy(m -> assertThat(m).startsWith("redis.embedded.fsync:")));
        assertThat(ConfigLoader.parse(null, PROD_ENV).jlis().url()).isEqualTo("https://jlis.example.jp");
        assertThat(ConfigLoader.parse(null, Map.of()).jlis().url()).as("dev: the simulator's").isNull();
    }

    @Test
    void simulatorMustNotShareThePort() {
        assertThatThrownBy(() -> ConfigLoader.parse(null, Map.of("JPKI_GATE_SIM_PORT", "8080")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.mistakes()).containsExactly(
                        "simulator.port: must differ from http.port, both are 8080 (from JPKI_GATE_SIM_PORT)"));
    }

    @Test
    void malformedJsonIsAMistake() {
        assertThatThrownBy(() -> ConfigLoader.parse("{\"mode\": ", Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.mistakes()).singleElement()
                        .asString().startsWith("config: not valid JSON"));
        assertThatThrownBy(() -> ConfigLoader.parse("[1]", Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.mistakes())
                        .containsExactly("config: must be a JSON object"));
    }

    @Test
    void loadsTheFileFromTheArgumentOrTheEnvironment(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("gate.json"), "{\"http\": {\"port\": 9999}}");

        assertThat(ConfigLoader.load(Optional.of(file), Map.of()).http().port()).isEqualTo(9999);
        assertThat(ConfigLoader.load(Optional.empty(), Map.of("JPKI_GATE_CONFIG", file.toString())).http().port())
                .isEqualTo(9999);
    }

    @Test
    void aMissingFileIsAMistake(@TempDir Path dir) {
        Path missing = dir.resolve("missing.json");

        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(missing), Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.mistakes())
                        .containsExactly("config: cannot read file " + missing + " (NoSuchFileException)"));
    }

    @Test
    void aConfigExceptionNeedsMistakes() {
        assertThatThrownBy(() -> new ConfigException(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
