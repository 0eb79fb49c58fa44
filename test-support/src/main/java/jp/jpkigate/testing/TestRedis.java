package jp.jpkigate.testing;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;
import redis.embedded.RedisServer;

/**
 * A real redis-server (the binary bundled with embedded-redis) on a free loopback port, without
 * persistence; one per test class, started and stopped on the JUnit thread, never an event loop.
 */
public final class TestRedis implements AutoCloseable {
    private final RedisServer server;
    private final int port;

    private TestRedis(RedisServer server, int port) {
        this.server = server;
        this.port = port;
    }

    public static TestRedis start() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = socket.getLocalPort();
        }
        RedisServer server = RedisServer.newRedisServer().bind("127.0.0.1").port(port)
                .setting("save \"\"").setting("appendonly no").build();
        server.start();
        return new TestRedis(server, port);
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public Redis client(Vertx vertx) {
        return Redis.createClient(vertx, url());
    }

    @Override
    public void close() throws IOException {
        server.stop();
    }

    /** Waits on the test thread (never an event loop) for a future, at most 10 seconds. */
    public static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    public static Response call(Redis redis, Command command, Object... args) throws Exception {
        return await(redis.send(Request.cmd(command, args)));
    }
}
