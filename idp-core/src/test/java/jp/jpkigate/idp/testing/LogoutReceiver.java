package jp.jpkigate.idp.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A relying party's back-channel logout endpoint for tests: a real little HTTP server on a free
 * loopback port (the JDK's, on its own thread) that keeps every {@code logout_token} it receives
 * and answers 200. A test waits for a token with {@link #next} (a bounded wait, never a sleep).
 */
public final class LogoutReceiver implements AutoCloseable {
    private final HttpServer server;
    private final BlockingQueue<String> tokens = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> contentTypes = new LinkedBlockingQueue<>();

    private LogoutReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.createContext("/backchannel", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                String body = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
                contentTypes.add(String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")));
                for (String pair : body.split("&")) {
                    if (pair.startsWith("logout_token=")) {
                        tokens.add(URLDecoder.decode(pair.substring("logout_token=".length()), StandardCharsets.US_ASCII));
                    }
                }
            }
            exchange.getResponseHeaders().add("Cache-Control", "no-store");
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    /** Started on a free port; rethrows I/O failures unchecked (for static initialisers). */
    public static LogoutReceiver start() {
        try {
            return new LogoutReceiver();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String uri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/backchannel";
    }

    /** The next logout token received, waiting at most 10 s; null when none came. */
    public String next() throws InterruptedException {
        return tokens.poll(10, TimeUnit.SECONDS);
    }

    /** The Content-Type of the next POST received, waiting at most 10 s. */
    public String nextContentType() throws InterruptedException {
        return contentTypes.poll(10, TimeUnit.SECONDS);
    }

    /** Forgets what came so far. */
    public void clear() {
        tokens.clear();
        contentTypes.clear();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
