package jp.jpkigate.gateway.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the ESM scripts in {@code src/test/node} with {@code node} (Node.js 20 or later, as
 * openid-client and oauth4webapi require; the dependencies come from {@code npm ci}, which Maven
 * runs in generate-test-resources) and returns the JSON document it prints. A script that fails,
 * hangs past the timeout or prints no JSON fails the test with its stderr; stdout and stderr are
 * kept under {@code target/node-runs/}.
 */
final class NodeScript {
    static final Path DIRECTORY = Path.of("src", "test", "node").toAbsolutePath();
    private static final Path RUNS = Path.of("target", "node-runs").toAbsolutePath();
    private static final int MIN_MAJOR = 20;

    private NodeScript() {
    }

    static JsonObject run(String script, Map<String, String> env, Duration timeout) throws IOException, InterruptedException {
        checkNode();
        assertThat(DIRECTORY.resolve("node_modules")).as("the npm dependencies of " + DIRECTORY
                + ": run `npm ci` there (mvn verify runs it in generate-test-resources)").isDirectory();
        Files.createDirectories(RUNS);
        Path out = RUNS.resolve(script + ".out.json");
        Path err = RUNS.resolve(script + ".err.txt");
        ProcessBuilder builder = new ProcessBuilder("node", script).directory(DIRECTORY.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            fail("node " + script + " did not finish within " + timeout + "; stderr:\n" + Files.readString(err));
        }
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            fail("node " + script + " exited " + process.exitValue() + "; stderr:\n" + stderr);
        }
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            fail("node " + script + " printed nothing; stderr:\n" + stderr);
        }
        return new JsonObject(lines.get(lines.size() - 1));
    }

    /** Fails with what to install unless {@code node --version} says 20 or later. */
    private static void checkNode() throws InterruptedException {
        String install = "install Node.js " + MIN_MAJOR + " or later with npm (Debian: apt-get install nodejs npm;"
                + " .ci/run does it)";
        String version;
        try {
            Process process = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            version = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            process.waitFor();
        } catch (IOException e) {
            throw new AssertionError("no `node` on the PATH: " + install, e);
        }
        int major = version.matches("v\\d+\\..*") ? Integer.parseInt(version.substring(1, version.indexOf('.'))) : 0;
        assertThat(major).as("node --version says " + version + ": " + install).isGreaterThanOrEqualTo(MIN_MAJOR);
    }
}
