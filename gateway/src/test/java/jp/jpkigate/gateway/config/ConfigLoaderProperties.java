package jp.jpkigate.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever the input, the loader returns a config or throws {@link ConfigException}; nothing else. */
class ConfigLoaderProperties {
    private static final List<String> KEYS = List.of("mode", "http", "redis", "dataDir", "simulator",
            "trustAnchors", "host", "port", "publicBaseUrl", "url", "embedded", "enabled", "unknown");

    @Property
    void anyTextGivesAConfigOrAConfigException(@ForAll String json, @ForAll("env") Map<String, String> env) {
        assertConfigOrConfigException(json, env);
    }

    @Property
    void jsonLikeTextGivesAConfigOrAConfigException(
            @ForAll("jsonish") String json, @ForAll("env") Map<String, String> env) {
        assertConfigOrConfigException(json, env);
    }

    @Property
    void wellFormedJsonOfAnyShapeGivesAConfigOrAConfigException(
            @ForAll("objects") JsonObject json, @ForAll("env") Map<String, String> env) {
        assertConfigOrConfigException(json.encode(), env);
    }

    @Property
    void theRedisPasswordIsNeverShown(@ForAll("objects") JsonObject json, @ForAll("env") Map<String, String> env,
            @ForAll("suffixes") String suffix) {
        Map<String, String> withSecret = new java.util.HashMap<>(env);
        withSecret.put("REDIS_URL", "redis://app:s3cr3t" + suffix);
        try {
            GatewayConfig config = ConfigLoader.parse(json.encode(), withSecret);
            assertThat(config.toString() + config.describe()).doesNotContain("s3cr3t");
        } catch (ConfigException e) {
            assertThat(e.getMessage()).doesNotContain("s3cr3t");
        }
    }

    private static void assertConfigOrConfigException(String json, Map<String, String> env) {
        try {
            assertThat(ConfigLoader.parse(json, env)).isNotNull();
        } catch (ConfigException e) {
            assertThat(e.mistakes()).isNotEmpty().allSatisfy(mistake -> assertThat(mistake).isNotBlank());
        }
    }

    @Provide
    Arbitrary<Map<String, String>> env() {
        Arbitrary<String> values = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(20),
                Arbitraries.of("0", "8080", "65536", "-1", "99999999999999999999", "true", "FALSE", "yes",
                        "dev", "prod", "redis://u:p@h:1", "unix:///tmp/r.sock", "https://gate.example.jp/", "", " ", "\u0000"));
        return Arbitraries.maps(Arbitraries.of(ConfigLoader.ENV_KEYS.keySet()), values).ofMaxSize(8);
    }

    @Provide
    Arbitrary<String> jsonish() {
        Arbitrary<String> tokens = Arbitraries.of("{", "}", "[", "]", ":", ",", " ", "null", "true", "false",
                "0", "-1", "70000", "1e400", "99999999999999999999999", "8080.5", "\"dev\"", "\"prod\"",
                "\"redis://u:p@h\"", "\"\"", "\"\\u0000\"", "\"mode\"", "\"http\"", "\"port\"", "\"redis\"",
                "\"embedded\"", "\"simulator\"", "\"enabled\"", "\"url\"", "\"dataDir\"", "\"publicBaseUrl\"", "\"");
        return tokens.list().ofMaxSize(40).map(parts -> String.join("", parts));
    }

    @Provide
    Arbitrary<JsonObject> objects() {
        return object(3);
    }

    @Provide
    Arbitrary<String> suffixes() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(10).map(s -> "@" + s),
                Arbitraries.of("@redis:6379", "@", "@@x", ":x@y", "/0@z"));
    }

    private Arbitrary<JsonObject> object(int depth) {
        Arbitrary<Object> leaves = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(12).map(Object.class::cast),
                Arbitraries.integers().map(Object.class::cast),
                Arbitraries.longs().map(Object.class::cast),
                Arbitraries.doubles().map(Object.class::cast),
                Arbitraries.bigIntegers().map(Object.class::cast),
                Arbitraries.of(true, false).map(Object.class::cast),
                Arbitraries.of("dev", "prod", "sim", "jlis", "redis://h:1", "https://a.jp").map(Object.class::cast),
                Arbitraries.just(new ArrayList<>()).map(Object.class::cast));
        Arbitrary<Object> values = depth == 0 ? leaves
                : Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(4, leaves),
                        net.jqwik.api.Tuple.of(1, Arbitraries.lazy(() -> object(depth - 1)).map(Object.class::cast)));
        return Arbitraries.maps(Arbitraries.of(KEYS), values).ofMaxSize(6)
                .map(map -> new JsonObject(new java.util.LinkedHashMap<>(map)));
    }
}
