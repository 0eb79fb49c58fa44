package jp.jpkigate.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import jp.jpkigate.gateway.config.ConfigException;
import org.junit.jupiter.api.Test;

class LaunchArgsTest {
    @Test
    void parsesTheConfigFile() throws Exception {
        assertThat(LaunchArgs.parse(new String[] {"--config", "gate.json"}).configFile()).contains(Path.of("gate.json"));
        assertThat(LaunchArgs.parse(new String[] {"--config=gate.json"}).configFile()).contains(Path.of("gate.json"));
        assertThat(LaunchArgs.parse(new String[0])).isEqualTo(new LaunchArgs(java.util.Optional.empty(), false));
        assertThat(LaunchArgs.parse(new String[] {"--help"}).help()).isTrue();
    }

    @Test
    void reportsEveryBadArgument() {
        assertThatThrownBy(() -> LaunchArgs.parse(new String[] {"--port", "--config"}))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.mistakes()).containsExactly(
                        "args: unknown argument --port", "args: --config needs a file path"));
    }

    @Test
    void mainPrintsEveryMistakeAndStartsNothing() {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();

        var config = Main.configure(new String[] {"--bogus"},
                Map.of("JPKI_GATE_MODE", "prod", "JPKI_GATE_HTTP_PORT", "70000"),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(config).isNull();
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("Invalid configuration, 9 mistakes:")
                .contains("args: unknown argument --bogus")
                .contains("http.port: must be 0..65535, got 70000 (from JPKI_GATE_HTTP_PORT)")
                .contains("redis.url: is required in prod mode (set REDIS_URL)");
    }

    @Test
    void mainPrintsTheConfigWithTheRedisPasswordMasked() {
        var out = new ByteArrayOutputStream();

        var config = Main.configure(new String[0], Map.of("REDIS_URL", "redis://app:s3cr3t@redis:6379"),
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);

        assertThat(config).isNotNull();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("redis://app:****@redis:6379").doesNotContain("s3cr3t");
    }
}
