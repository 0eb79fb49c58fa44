package jp.jpkigate.gateway.redis;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;

/**
 * A dev-mode Redis: the {@code redis-server} binary bundled with codemonstur embedded-redis, bound
 * to 127.0.0.1 only, with AOF persistence under {@code <dataDir>/redis} (fsync on every write by default,
 * as the consent records and the feed outbox need in production). Starting and stopping
 * spawn and wait for a process, so both run on a worker thread, never on the event loop.
 */
public final class EmbeddedRedis {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedRedis.class);
    private static final String HOST = "127.0.0.1";

    private final Vertx vertx;
    private final RedisServer server;
    private final int port;
    private final Path dir;

    private EmbeddedRedis(Vertx vertx, RedisServer server, int port, Path dir) {
        this.vertx = vertx;
        this.server = server;
        this.port = port;
        this.dir = dir;
    }

    /**
     * Starts Redis on {@code port} (0 picks a free loopback port) with its files in
     * {@code <dataDir>/redis}, which is created if missing.
     */
    public static Future<EmbeddedRedis> start(Vertx vertx, Path dataDir, int port) {
        return start(vertx, dataDir, port, "always");
    }

    /** The same with this {@code appendfsync} policy ({@code always} or {@code everysec}). */
    public static Future<EmbeddedRedis> start(Vertx vertx, Path dataDir, int port, String fsync) {
        if (!fsync.equals("always") && !fsync.equals("everysec")) {
            return Future.failedFuture(new IllegalArgumentException("appendfsync must be always or everysec"));
        }
        return vertx.executeBlocking(() -> {
            Path dir = dataDir.resolve("redis").toAbsolutePath().normalize();
            Files.createDirectories(dir);
            int chosen = port == 0 ? freeLoopbackPort() : port;
            RedisServer server = RedisServer.newRedisServer()
                    .bind(HOST)
                    .port(chosen)
                    .setting("protected-mode yes")
                    .setting("appendonly yes")
                    .setting("appendfsync " + fsync)
                    // No RDB snapshots (as the chart's Redis): the AOF has every write, and a snapshot
                    // forks Redis every minute under load.
                    .setting("save \"\"")
                    .setting("dir " + quoted(dir.toString()))
                    .soutListener(line -> LOG.debug("redis: {}", line))
                    .serrListener(line -> LOG.warn("redis: {}", line))
                    .build();
            server.start();
            LOG.info("embedded Redis started on {}:{} with data in {}", HOST, chosen, dir);
            return new EmbeddedRedis(vertx, server, chosen, dir);
        }, false);
    }

    /** The port Redis listens on. */
    public int port() {
        return port;
    }

    /** The connection string for this Redis (no password: it listens on loopback only). */
    public String url() {
        return "redis://" + HOST + ":" + port;
    }

    /** The directory holding the AOF and RDB files. */
    public Path dir() {
        return dir;
    }

    /** Stops the process (Redis flushes its AOF on SIGTERM) and waits for it to exit. */
    public Future<Void> stop() {
        return vertx.executeBlocking(() -> {
            if (server.isActive()) {
                server.stop();
                LOG.info("embedded Redis on port {} stopped", port);
            }
            return null;
        }, false);
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        }
    }

    /** A redis.conf string argument, so paths with spaces or quotes survive. */
    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
