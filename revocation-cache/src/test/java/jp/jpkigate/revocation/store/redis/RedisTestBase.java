package jp.jpkigate.revocation.store.redis;

import static jp.jpkigate.testing.TestRedis.await;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.Redis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import jp.jpkigate.testing.TestRedis;

/** One real redis-server per test class; each test starts with an empty database and a client. */
@ExtendWith(VertxExtension.class)
abstract class RedisTestBase {
    static TestRedis server;

    /** A client of the test's Vert.x; subclasses' {@code @BeforeEach} methods run after it is set. */
    Redis redis;

    @BeforeAll
    static void startRedis() throws Exception {
        server = TestRedis.start();
    }

    @AfterAll
    static void stopRedis() throws Exception {
        server.close();
    }

    @BeforeEach
    void connectToAnEmptyDatabase(Vertx vertx) throws Exception {
        redis = server.client(vertx);
        server.flushAll();
    }

    @AfterEach
    void closeClient() throws Exception {
        await(redis.close());
    }
}
