package jp.jpkigate.gateway.clients;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import jp.jpkigate.sim.cli.ExitCodes;
import jp.jpkigate.sim.cli.SimCli;
import picocli.CommandLine;

/**
 * The person's card as a test-side HTTP hook, for clients that run outside the JVM. {@code POST
 * /sign} with a login transaction URL as the body runs {@code jpki-sim sign --card … --url <txn>}
 * in-process (the simulator as the signer app: fetch, sign with the key the OP asks for, post) and
 * answers 200 with the CLI's output, or 500 with what went wrong. {@code GET /cb} is the relying
 * party's redirect URI and {@code GET /logged-out} its post-logout redirect URI: plain pages, so a
 * browser that reaches them shows something. {@code POST /backchannel} is its back-channel logout
 * URI: it keeps the {@code logout_token} of the form for the test. A JDK HTTP server on its own
 * thread, never a Vert.x event loop.
 */
public final class CardSignerHook implements AutoCloseable {
    static final String PIN = "1234";
    static final String PASSWORD = "PASSWORD1";
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final Path simStateDir;
    private final HttpServer server;
    private final BlockingQueue<String> logoutTokens = new LinkedBlockingQueue<>();
    private volatile String cardId;

    private CardSignerHook(Path simStateDir, HttpServer server) {
        this.simStateDir = simStateDir;
        this.server = server;
    }

    /** A hook for the cards in the simulator state {@code simStateDir}; {@link #useCard} says which one signs. */
    public static CardSignerHook start(Path simStateDir) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        CardSignerHook hook = new CardSignerHook(simStateDir, server);
        server.createContext("/sign", hook::handleSign);
        server.createContext("/cb", exchange -> reply(exchange, 200, "text/html; charset=utf-8",
                "<!DOCTYPE html><html lang=\"en\"><title>Relying party</title><p id=\"callback\">callback reached</p></html>"));
        server.createContext("/logged-out", exchange -> reply(exchange, 200, "text/html; charset=utf-8",
                "<!DOCTYPE html><html lang=\"en\"><title>Relying party</title><p id=\"logged-out\">logged out</p></html>"));
        server.createContext("/backchannel", hook::handleBackchannelLogout);
        server.start();
        return hook;
    }

    public void useCard(String id) {
        this.cardId = id;
    }

    /** Where clients outside the JVM ask the card to sign: POST the transaction URL. */
    public String url() {
        return base() + "/sign";
    }

    public String redirectUri() {
        return base() + "/cb";
    }

    /** The relying party's registered post-logout redirect URI (a plain page). */
    public String postLogoutRedirectUri() {
        return base() + "/logged-out";
    }

    /** The relying party's registered back-channel logout URI. */
    public String backchannelLogoutUri() {
        return base() + "/backchannel";
    }

    /**
     * The next logout token the OP posted to {@link #backchannelLogoutUri()} (in the order they
     * came), waiting for one at most {@code timeout}; an AssertionError when none came by then.
     */
    public String nextLogoutToken(Duration timeout) throws InterruptedException {
        String token = logoutTokens.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (token == null) {
            throw new AssertionError("no back-channel logout reached " + backchannelLogoutUri() + " within " + timeout);
        }
        return token;
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * The card signs the login transaction at {@code transaction} (the key the OP asks for: PIN for
     * authentication, password for the signature certificate); the CLI's output, or an
     * AssertionError with it when the OP did not verify the login.
     */
    public String sign(URI transaction) {
        return jpkiSim(new byte[0], "sign", "--card", cardId, "--pin", PIN, "--password", PASSWORD,
                "--url", transaction.toString());
    }

    /**
     * A confused signer app: fetches the transaction at {@code transaction} and signs its
     * {@code signed_data} with the authentication key (PIN) whatever it asks for ({@code jpki-sim sign
     * --key auth}), then posts that certificate and signature; the signer API's answer (JSON).
     */
    public String signWithAuthenticationKey(URI transaction) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        HttpResponse<String> fetched = http.send(HttpRequest.newBuilder(transaction).timeout(TIMEOUT)
                .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
        if (fetched.statusCode() != 200) {
            throw new AssertionError("GET " + transaction + ": " + fetched.statusCode() + " " + fetched.body());
        }
        byte[] data = Base64.getUrlDecoder().decode(new JsonObject(fetched.body()).getString("signed_data"));
        Path certificate = Files.createTempFile(simStateDir, "auth-cert", ".pem");
        try {
            String signature = jpkiSim(data, "sign", "--card", cardId, "--pin", PIN, "--key", "auth",
                    "--cert-out", certificate.toString());
            String der = Base64.getEncoder().encodeToString(Base64.getMimeDecoder().decode(Files.readString(certificate)
                    .replaceAll("-----[A-Z ]+-----", "")));
            String body = new JsonObject().put("certificate", der).put("signature", signature).encode();
            return http.send(HttpRequest.newBuilder(transaction).timeout(TIMEOUT).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()).body();
        } finally {
            Files.deleteIfExists(certificate);
        }
    }

    /**
     * Runs a {@code jpki-sim} command in-process on the simulator's state directory (a life event:
     * {@code move}, {@code rename}, {@code protect}, …), as J-LIS would; its output, or an AssertionError.
     */
    public String jpkiSim(String... args) {
        return jpkiSim(new byte[0], args);
    }

    /** Runs the {@code jpki-sim} CLI in-process on the state directory with {@code stdin}; its output, or an AssertionError. */
    private String jpkiSim(byte[] stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new SimCli(Clock.systemUTC(), new SecureRandom(),
                new ByteArrayInputStream(stdin), Map.of()));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(Stream.concat(Stream.of("--state", simStateDir.toString()), Arrays.stream(args))
                .toArray(String[]::new));
        if (exit != ExitCodes.OK) {
            throw new AssertionError("jpki-sim " + String.join(" ", args) + " exited " + exit + ": " + out + err);
        }
        return out.toString().trim();
    }

    private void handleSign(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            reply(exchange, 405, "text/plain", "POST the login transaction URL");
            return;
        }
        String transaction = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).trim();
        try {
            reply(exchange, 200, "text/plain; charset=utf-8", sign(URI.create(transaction)));
        } catch (AssertionError | RuntimeException e) {
            reply(exchange, 500, "text/plain; charset=utf-8", String.valueOf(e.getMessage()));
        }
    }

    /** OpenID Connect Back-Channel Logout 1.0 §2.5: a form with {@code logout_token}; 200, or 400 without it. */
    private void handleBackchannelLogout(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            reply(exchange, 405, "text/plain", "POST logout_token");
            return;
        }
        String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        for (String pair : form.split("&")) {
            int at = pair.indexOf('=');
            if (at > 0 && "logout_token".equals(pair.substring(0, at))) {
                logoutTokens.add(URLDecoder.decode(pair.substring(at + 1), StandardCharsets.UTF_8));
                exchange.getResponseHeaders().set("Cache-Control", "no-store");
                reply(exchange, 200, "text/plain", "");
                return;
            }
        }
        reply(exchange, 400, "text/plain", "no logout_token");
    }

    private static void reply(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream stream = exchange.getResponseBody()) {
            stream.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
