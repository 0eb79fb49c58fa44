package jp.jpkigate.idp.store.redis;

import static jp.jpkigate.testing.TestRedis.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import jp.jpkigate.idp.jpki.JpkiCertificateType;
import jp.jpkigate.idp.login.SignerIdentity;
import jp.jpkigate.idp.session.SsoSession;
import jp.jpkigate.idp.store.SsoSessionStore;
import jp.jpkigate.testing.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The session store on a real redis-server: an ended session stays ended, clients join once, a session ends once. */
class RedisSsoSessionStoreTest {
    private static final Instant NOW = Instant.parse("2026-04-01T00:00:00Z");
    private static final Duration TTL = Duration.ofMinutes(30);
    private static TestRedis server;
    private static Vertx vertx;
    private static RedisSsoSessionStore store;

    @BeforeAll
    static void start() throws Exception {
        server = TestRedis.start();
        vertx = Vertx.vertx();
        store = new RedisSsoSessionStore(server.client(vertx));
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            await(vertx.close());
        } finally {
            server.close();
        }
    }

    private static SsoSession session() {
        return new SsoSession("person-key", new SignerIdentity(JpkiCertificateType.AUTH_CARD, BigInteger.valueOf(0xabc), "sim:auth",
                NOW, Optional.empty()), NOW, NOW.plusSeconds(3600), Map.of());
    }

    @Test
    void clientsJoinOnceKeepTheirSidAndGrantsAreCapped() throws Exception {
        String handle = "h1-" + System.nanoTime();
        await(store.create(handle, session(), TTL));
        boolean collisionFailed = await(store.create(handle, session(), TTL).transform(ar -> Future.succeededFuture(ar.failed())));
        assertThat(collisionFailed).isTrue();
        assertThat(await(store.join(handle, "bank", "sid-1", Optional.of("g0"), TTL))).contains("sid-1");
        assertThat(await(store.join(handle, "bank", "sid-2", Optional.empty(), TTL))).contains("sid-1");
        for (int i = 1; i <= SsoSessionStore.MAX_GRANTS + 5; i++) {
            await(store.join(handle, "bank", "sid-x", Optional.of("g" + i), TTL));
        }
        SsoSession found = await(store.find(handle)).orElseThrow();
        assertThat(found.client("bank").orElseThrow().sid()).isEqualTo("sid-1");
        assertThat(found.client("bank").orElseThrow().grantIds()).hasSize(SsoSessionStore.MAX_GRANTS)
                .endsWith("g" + (SsoSessionStore.MAX_GRANTS + 5)).doesNotContain("g0", "g5");
        assertThat(await(store.handleOfSid("sid-1"))).contains(handle);
        assertThat(await(store.handleOfSid("sid-2"))).isEmpty();
        assertThat(TestRedis.call(server.client(vertx), Command.PTTL, RedisOpKeys.ssoSession(handle)).toLong())
                .isBetween(1L, TTL.toMillis());
    }

    @Test
    void aSessionEndsOnceAndIsNeverWrittenBack() throws Exception {
        String handle = "h2-" + System.nanoTime();
        await(store.create(handle, session(), TTL));
        await(store.join(handle, "bank", "sid-b", Optional.of("g"), TTL));
        var both = await(Future.all(store.remove(handle), store.remove(handle)));
        Optional<SsoSession> first = both.resultAt(0);
        Optional<SsoSession> second = both.resultAt(1);
        assertThat(first.isPresent() ^ second.isPresent()).as("exactly one takes it").isTrue();
        assertThat(first.or(() -> second).orElseThrow().client("bank")).isPresent();
        assertThat(await(store.handleOfSid("sid-b"))).isEmpty();
        assertThat(await(store.update(handle, session(), TTL))).isFalse();
        assertThat(await(store.join(handle, "bank", "sid-c", Optional.of("g"), TTL))).isEmpty();
        assertThat(await(store.find(handle))).isEmpty();
        assertThat(await(store.handleOfSid("sid-c"))).isEmpty();
    }
}
