package jp.jpkigate.gateway.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import java.nio.file.Path;
import jp.jpkigate.gateway.TestVertx;
import jp.jpkigate.testing.TestRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded dev Redis persists like the chart's: every write fsync'd into the AOF, no RDB snapshots. */
class EmbeddedRedisTest {
    @TempDir
    Path dataDir;

    @Test
    void persistsEveryWriteInTheAofAndTakesNoSnapshots() throws Exception {
        Vertx vertx = TestVertx.create();
        EmbeddedRedis redis = TestVertx.await(EmbeddedRedis.start(vertx, dataDir, 0));
        Redis client = RedisClients.create(vertx, redis.url());
        try {
            assertThat(setting(client, "appendonly")).isEqualTo("yes");
            assertThat(setting(client, "appendfsync")).isEqualTo("always");
            // A snapshot forks Redis each minute under load: a latency tail, and nothing the AOF lacks.
            assertThat(setting(client, "save")).isEmpty();
        } finally {
            client.close();
            TestVertx.await(redis.stop());
            TestVertx.await(vertx.close());
        }
    }

    private static String setting(Redis client, String name) throws Exception {
        return TestRedis.call(client, Command.CONFIG, "GET", name).get(name).toString();  // RESP3: a map
    }
}
