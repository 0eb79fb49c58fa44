package jp.jpkigate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar, run the way the README runs it: dev mode starts embedded Redis, the simulator
 * and the gateway, prints the URLs, answers health and revocation requests, counts them on its
 * metrics listener (which also serves the revocation cache's and the feed's texts), and leaves no
 * Redis process behind when stopped.
 */
class JarLaunchIT {
    private static final Pattern PORT = Pattern.compile("^\\s*(listening on|simulator|prometheus):\\s+\\S*:(\\d+)");

    @TempDir
    Path workDir;

    @Test
    void theJarStartsInDevModeServesAndStopsCleanly() throws Exception {
        Path jar = Path.of("target", "jpki-gate.jar").toAbsolutePath();
        assertThat(jar).exists();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-jar", jar.toString()).directory(workDir.toFile())
                .redirectErrorStream(true);
        builder.environment().putAll(Map.of("JPKI_GATE_HTTP_PORT", "0", "JPKI_GATE_SIM_PORT", "0"));
        Process gateway = builder.start();
        try {
            Map<String, Integer> ports = readPortsUntilStarted(gateway);
            HttpClient http = HttpClient.newHttpClient();
            int port = ports.get("listening on");
            assertThat(get(http, port, "/health/ready")).contains("\"status\":\"UP\"");
            assertThat(get(http, ports.get("simulator"), "/ca")).contains("\"sign-");
            assertThat(get(http, ports.get("prometheus"), "/revocation/metrics")).contains("jpki_revocation");
            assertThat(get(http, ports.get("prometheus"), "/feed/metrics")).contains("jpkigate_feed");
            assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/revocation/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).as("not on the public listener").isEqualTo(404);
            assertThat(get(http, ports.get("prometheus"), "/metrics"))
                    .containsPattern("vertx_http_server_requests_total\\{code=\"200\",local=\"[^\"]*:" + port
                            + "\",method=\"GET\",route=\"/health/ready\"}");
            assertThat(workDir.resolve("data/redis")).isDirectory();
            assertThat(Files.exists(workDir.resolve("data/ocsp-responder.pem"))).isTrue();

            List<ProcessHandle> children = gateway.descendants().toList();
            assertThat(children).anySatisfy(child -> assertThat(child.info().command().orElse("")).contains("redis"));
            gateway.destroy();
            assertThat(gateway.waitFor(60, TimeUnit.SECONDS)).isTrue();
            for (ProcessHandle child : children) {
                child.onExit().get(30, TimeUnit.SECONDS);
                assertThat(child.isAlive()).isFalse();
            }
        } finally {
            gateway.destroyForcibly();
        }
    }

    /** The ports in the start-up banner ("listening on: host:port", "simulator: http://localhost:port", "prometheus: …"), its last line. */
    private static Map<String, Integer> readPortsUntilStarted(Process gateway) throws Exception {
        Map<String, Integer> ports = new ConcurrentHashMap<>();
        StringBuilder seen = new StringBuilder();
        CompletableFuture<Void> started = CompletableFuture.runAsync(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(gateway.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    seen.append(line).append('\n');
                    Matcher m = PORT.matcher(line);
                    if (m.find()) {
                        ports.put(m.group(1).trim(), Integer.parseInt(m.group(2)));
                    }
                    if (line.trim().startsWith("prometheus:")) {
                        return;
                    }
                }
                throw new IllegalStateException("the gateway exited before it started:\n" + seen);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        started.get(120, TimeUnit.SECONDS);
        return ports;
    }

    private static String get(HttpClient http, int port, String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(java.time.Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return response.body();
    }
}
