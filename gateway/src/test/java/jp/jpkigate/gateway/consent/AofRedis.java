package jp.jpkigate.gateway.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import redis.embedded.RedisServer;

/**
 * A real redis-server process (the binary bundled with embedded-redis) on a loopback port, with the
 * production durability: AOF, {@code appendfsync always}, its files in {@code dir}. It can be killed
 * with SIGKILL ({@link #kill9()}: no shutdown, no last flush) and started again on the same port and
 * files. Blocking: the test thread only.
 */
public final class AofRedis implements AutoCloseable {
    private final Path dir;
    private final int port;
    private RedisServer server;
    private ProcessHandle process;

    private AofRedis(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    public static AofRedis start(Path dir, int port) throws Exception {
        AofRedis redis = new AofRedis(dir, port);
        redis.restart();
        return redis;
    }

    /** Starts redis-server on the port and files it had (it replays the AOF before it answers). */
    public void restart() throws Exception {
        Files.createDirectories(dir);
        List<ProcessHandle> before = ProcessHandle.current().children().toList();
        server = RedisServer.newRedisServer().bind("127.0.0.1").port(port)
                .setting("appendonly yes").setting("appendfsync always").setting("save \"\"")
                .setting("dir \"" + dir.toAbsolutePath() + "\"")
                .onShutdownForceStop(true).build();
        server.start();
        process = ProcessHandle.current().children()
                .filter(child -> !before.contains(child) && child.info().commandLine().orElse("").contains("redis-server"))
                .findFirst().orElseThrow(() -> new AssertionError("no redis-server process after the start"));
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** {@code kill -9}: SIGKILL to the redis-server process ({@link ProcessHandle#destroyForcibly}), waits for it to die. */
    public void kill9() throws Exception {
        assertThat(process.destroyForcibly()).isTrue();
        process.onExit().get(10, TimeUnit.SECONDS);
        assertThat(process.isAlive()).isFalse();
        server.stop();
    }

    @Override
    public void close() throws Exception {
        if (process != null && process.isAlive()) {
            kill9();
        }
    }
}
