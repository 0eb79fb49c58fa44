package jp.jpkigate.gateway.clients;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's headless Chromium driven through Debian's chromedriver with a few W3C WebDriver
 * commands over java.net.http (no Selenium, nothing downloaded): open a URL, find an element,
 * read text and attributes, click, take a screenshot. A fresh profile per instance; blocking, so
 * only from the test thread. Fails with what to install when the binaries are missing.
 */
public final class Chromium implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    /** How long a WebDriver command or a wait may take (generous: CI machines are shared). */
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
    private static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-dev-shm-usage", "--window-size=900,1300", "--lang=ja");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final Process driver;
    private final Path profile;
    private final URI session;

    private Chromium(Process driver, Path profile, URI session) {
        this.driver = driver;
        this.profile = profile;
        this.session = session;
    }

    public static Chromium start() throws Exception {
        String install = "install Debian's chromium and chromium-driver (apt-get install chromium chromium-driver"
                + " fonts-noto-cjk; .ci/run does it)";
        assertThat(Files.isExecutable(BINARY)).as(BINARY + " is missing: " + install).isTrue();
        assertThat(Files.isExecutable(DRIVER)).as(DRIVER + " is missing: " + install).isTrue();
        int port = RunningGateway.freePort();
        Path profile = Files.createTempDirectory("chromium-profile");
        Path log = Path.of("target", "chromedriver.log").toAbsolutePath();
        Files.createDirectories(log.getParent());
        Process driver = new ProcessBuilder(DRIVER.toString(), "--port=" + port)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        URI base = URI.create("http://127.0.0.1:" + port + "/");
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
            waitFor(() -> ready(http, base), "chromedriver to listen (log: " + log + ")");
            JsonObject options = new JsonObject().put("binary", BINARY.toString())
                    .put("args", new JsonArray(Stream.concat(FLAGS.stream(), Stream.of("--user-data-dir=" + profile)).toList()));
            JsonObject created = call(http, "POST", base.resolve("session"), new JsonObject().put("capabilities",
                    new JsonObject().put("alwaysMatch", new JsonObject().put("browserName", "chrome")
                            .put("goog:chromeOptions", options)))).getJsonObject("value");
            return new Chromium(driver, profile, base.resolve("session/" + created.getString("sessionId")));
        } catch (Exception | AssertionError e) {
            driver.destroy();
            throw e;
        }
    }

    public void open(String url) throws IOException, InterruptedException {
        command("POST", "url", new JsonObject().put("url", url));
    }

    public String currentUrl() throws IOException, InterruptedException {
        return command("GET", "url", null).getString("value");
    }

    /** The element matching {@code css} on the current page, if there is one now. */
    public Optional<String> find(String css) throws IOException, InterruptedException {
        JsonArray found = command("POST", "elements", new JsonObject().put("using", "css selector").put("value", css))
                .getJsonArray("value");
        return found.isEmpty() ? Optional.empty() : Optional.of(found.getJsonObject(0).getString(ELEMENT));
    }

    /** Waits (polling, at most 60 s) until {@code css} matches, and returns the element. */
    public String await(String css) throws Exception {
        waitFor(() -> find(css).isPresent(), css + " on " + currentUrl());
        return find(css).orElseThrow();
    }

    public String text(String element) throws IOException, InterruptedException {
        return command("GET", "element/" + element + "/text", null).getString("value");
    }

    public String attribute(String element, String name) throws IOException, InterruptedException {
        return command("GET", "element/" + element + "/attribute/" + name, null).getString("value");
    }

    public void click(String element) throws IOException, InterruptedException {
        command("POST", "element/" + element + "/click", new JsonObject());
    }

    /** A PNG of the viewport, written to {@code file}. */
    public Path screenshot(Path file) throws IOException, InterruptedException {
        Files.createDirectories(file.getParent());
        Files.write(file, Base64.getDecoder().decode(command("GET", "screenshot", null).getString("value")));
        return file;
    }

    /** Something about the browser that holds or not yet. */
    public interface Condition {
        boolean holds() throws Exception;
    }

    /**
     * Polls {@code condition} until it holds, at most 60 s (a browser does things in its own time:
     * the login page polls its status every 2 s).
     */
    public static void waitFor(Condition condition, String what) throws Exception {
        Instant deadline = Instant.now().plus(TIMEOUT);
        while (!condition.holds()) {
            assertThat(Instant.now()).as("waited " + TIMEOUT.toSeconds() + " s for " + what).isBefore(deadline);
            Thread.sleep(100);
        }
    }

    private JsonObject command(String method, String path, JsonObject body) throws IOException, InterruptedException {
        return call(http, method, URI.create(session + "/" + path), body);
    }

    private static JsonObject call(HttpClient http, String method, URI uri, JsonObject body)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.encode())).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + uri + ": " + response.body()).isEqualTo(200);
        return new JsonObject(response.body());
    }

    private static boolean ready(HttpClient http, URI base) throws InterruptedException {
        try {
            return call(http, "GET", base.resolve("status"), null).getJsonObject("value").getBoolean("ready", false);
        } catch (IOException | AssertionError e) {
            return false;
        }
    }

    /** Ends the session (Chromium quits), then chromedriver and anything of theirs still running, and the profile. */
    @Override
    public void close() throws Exception {
        List<ProcessHandle> children = driver.descendants().toList();
        try {
            call(http, "DELETE", session, null);
        } finally {
            children.forEach(ProcessHandle::destroy);
            driver.destroy();
            driver.waitFor();
            for (ProcessHandle child : children) {
                child.onExit().get(10, TimeUnit.SECONDS);
            }
            RunningGateway.deleteTree(profile);
        }
    }
}
