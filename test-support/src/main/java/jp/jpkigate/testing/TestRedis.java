package jp.jpkigate.testing;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
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
 *
 * <p>With the system property {@code jpki.test.redis=cluster} (the modules' {@code redis-cluster} Surefire
 * runs set it for their Redis store tests) it is a three-master Redis Cluster instead
 * ({@link TestRedisCluster}), and {@link #client} a cluster client: the same test bodies then prove the
 * stores keep every multi-key command and script on one slot.
 */
public final class TestRedis implements AutoCloseable {
    /** The system property choosing the topology: {@code single} (default) or {@code cluster}. */
    public static final String TOPOLOGY = "jpki.test.redis";

    private final RedisServer server;
    private final TestRedisCluster cluster;
    private final int port;

    private TestRedis(RedisServer server, TestRedisCluster cluster, int port) {
        this.server = server;
        this.cluster = cluster;
        this.port = port;
    }

    public static TestRedis start() throws IOException {
        if ("cluster".equals(System.getProperty(TOPOLOGY, "single"))) {
            return new TestRedis(null, TestRedisCluster.start(3, 0), 0);
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = socket.getLocalPort();
        }
        RedisServer server = RedisServer.newRedisServer().bind("127.0.0.1").port(port)
                .setting("save \"\"").setting("appendonly no").build();
        server.start();
        return new TestRedis(server, null, port);
    }

    /** Whether this is a Redis Cluster. */
    public boolean isCluster() {
        return cluster != null;
    }

    /** The connection string, as {@code REDIS_URL} takes it ({@code redis-cluster://…} for a Cluster). */
    public String url() {
        return cluster != null ? cluster.url() : "redis://127.0.0.1:" + port;
    }

    /** Client options for this topology, to refine (pool sizes) before {@code Redis.createClient}. */
    public RedisOptions options() {
        return cluster != null ? cluster.options() : new RedisOptions().setConnectionString(url());
    }

    public Redis client(Vertx vertx) {
        return Redis.createClient(vertx, options());
    }

    /** Empties every database (on a Cluster: every master; a client's FLUSHALL reaches only one node). */
    public void flushAll() throws Exception {
        onEveryMaster(Command.FLUSHALL.toString());
    }

    /** Runs a keyless command ({@code SCRIPT FLUSH} …) on the server, or on every master of a Cluster. */
    public void onEveryMaster(Object... command) throws Exception {
        if (cluster != null) {
            cluster.onEveryMaster(command);
        } else {
            RespSocket.once(port, command);
        }
    }

    @Override
    public void close() throws IOException {
        if (cluster != null) {
            cluster.close();
        } else {
            server.stop();
        }
    }

    /** Waits on the test thread (never an event loop) for a future, at most 10 seconds. */
    public static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    public static Response call(Redis redis, Command command, Object... args) throws Exception {
        return await(redis.send(Request.cmd(command, args)));
    }
}
