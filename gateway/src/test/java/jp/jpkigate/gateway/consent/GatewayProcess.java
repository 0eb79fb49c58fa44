package jp.jpkigate.gateway.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The packaged gateway ({@code target/jpki-gate.jar}) as a process of its own, the way an operator
 * runs it: the environment given, output appended to a log file, ready once {@code /health/ready}
 * answers 200. {@link #kill9()} ends it with SIGKILL ({@link Process#destroyForcibly}), which leaves
 * no time to flush or answer anything. Its issuer is its own address unless the environment sets
 * {@code JPKI_GATE_PUBLIC_URL} (replicas behind one load balancer share it). Blocking: the test thread only.
 */
public final class GatewayProcess implements AutoCloseable {
    static final Path JAR = Path.of("target", "jpki-gate.jar").toAbsolutePath();
    static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Path workDir;
    private final Map<String, String> env;
    private final Path log;
    private final int port;
    private Process process;

    private GatewayProcess(Path workDir, Map<String, String> env, Path log, int port) {
        this.workDir = workDir;
        this.env = env;
        this.log = log;
        this.port = port;
    }

    /** Starts the jar in {@code workDir} on {@code port} (also its issuer) with {@code env}, and waits until it is ready. */
    public static GatewayProcess start(Path workDir, int port, Map<String, String> env) throws Exception {
        assertThat(JAR).as("the packaged jar (mvn package)").exists();
        GatewayProcess gateway = new GatewayProcess(workDir, env, workDir.resolve("gateway.log"), port);
        gateway.restart();
        return gateway;
    }

    /** Starts the jar again with the same settings; how long until it was ready. */
    public Duration restart() throws Exception {
        Instant started = Instant.now();
        ProcessBuilder builder = new ProcessBuilder(JAVA, "-jar", JAR.toString()).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(Map.of("JPKI_GATE_HTTP_PORT", Integer.toString(port),
                "JPKI_GATE_PUBLIC_URL", address(), "JPKI_GATE_SIM_PORT", "0"));
        builder.environment().putAll(env);
        process = builder.start();
        awaitReady("the gateway to start");
        return Duration.between(started, Instant.now());
    }

    /** The issuer: {@code JPKI_GATE_PUBLIC_URL} of the environment given, else {@link #address()}. */
    public String issuer() {
        return env.getOrDefault("JPKI_GATE_PUBLIC_URL", address());
    }

    /** Where this process itself listens: {@code http://127.0.0.1:<port>}. */
    public String address() {
        return "http://127.0.0.1:" + port;
    }

    /** The gateway's command with {@code args} ({@code java -jar jpki-gate.jar …}): its exit status and output. */
    public static Command run(Path workDir, String... args) throws Exception {
        Process command = new ProcessBuilder(Stream.concat(Stream.of(JAVA, "-jar", JAR.toString()), Arrays.stream(args)).toList())
                .directory(workDir.toFile()).redirectErrorStream(true).start();
        String output = new String(command.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(command.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Command(command.exitValue(), output);
    }

    public record Command(int exit, String output) {
    }

    /** Whether {@code GET /health/ready} answers {@code status}, without waiting. */
    boolean ready(int status) throws InterruptedException {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(address() + "/health/ready")).timeout(Duration.ofSeconds(3))
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == status;
        } catch (IOException e) {
            return false;
        }
    }

    /** Polls {@code /health/ready} until it answers 200; fails when the process ends or two minutes pass. */
    public void awaitReady(String what) throws Exception {
        awaitHealth(200, what);
    }

    /** Polls {@code /health/ready} until it answers {@code status}. */
    public void awaitHealth(int status, String what) throws Exception {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (!ready(status)) {
            assertThat(process.isAlive()).as(() -> "the gateway exited waiting for " + what + ":\n" + tail()).isTrue();
            assertThat(Instant.now()).as(() -> "waited for " + what + ":\n" + tail()).isBefore(deadline);
            process.waitFor(100, TimeUnit.MILLISECONDS);
        }
    }

    /** {@code kill -9} of the gateway's JVM; waits for it to be gone. */
    public void kill9() throws Exception {
        process.destroyForcibly();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
    }

    /** The end of the gateway's output, for failure messages. */
    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
