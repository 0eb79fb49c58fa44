package jp.jpkigate.revocation.store.redis;

import static jp.jpkigate.testing.TestRedis.await;
import static jp.jpkigate.testing.TestRedis.call;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import jp.jpkigate.revocation.store.LeaseKeeper;
import jp.jpkigate.revocation.store.LeaseListener;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import jp.jpkigate.testing.MutableClock;

/** Two replicas contend for the ingest lease; time moves only when the test advances the clock. */
class RedisLeaderLeaseTest extends RedisTestBase {
    private static final Duration LEASE = Duration.ofSeconds(30);
    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
    private RedisLeaderLease a;
    private RedisLeaderLease b;

    @BeforeEach
    void connect(Vertx vertx) throws Exception {
        a = new RedisLeaderLease(redis, RedisKeys.DEFAULT, "crl-ingest", "replica-a", LEASE, clock);
        b = new RedisLeaderLease(redis, RedisKeys.DEFAULT, "crl-ingest", "replica-b", LEASE, clock);
    }

    @Test
    void theHolderKeepsItUntilItStopsRenewingThenAnotherTakesOver() throws Exception {
        assertThat(await(a.acquire())).isTrue();
        assertThat(await(b.acquire())).as("held by A").isFalse();
        clock.advance(Duration.ofSeconds(20));
        assertThat(await(a.renew())).isTrue();
        clock.advance(Duration.ofSeconds(20));
        assertThat(await(b.acquire())).as("A renewed 20 s ago").isFalse();

        clock.advance(Duration.ofSeconds(11)); // 31 s after A's last renew
        assertThat(await(b.acquire())).as("expired: B takes over").isTrue();
        assertThat(await(a.renew())).as("A lost it").isFalse();
        assertThat(await(a.acquire())).isFalse();
    }

    @Test
    void onlyTheHolderReleasesAndTheKeyHasASafetyTtl() throws Exception {
        await(a.acquire());
        long ttl = call(redis, Command.PTTL, RedisKeys.DEFAULT.lease("crl-ingest")).toLong();
        assertThat(ttl).isGreaterThan(LEASE.toMillis()).isLessThanOrEqualTo(LEASE.toMillis() * 3 / 2);
        assertThat(call(redis, Command.GET, RedisKeys.DEFAULT.lease("crl-ingest")).toString())
                .isEqualTo((clock.millis() + LEASE.toMillis()) + " replica-a");

        assertThat(await(b.release())).isFalse();
        assertThat(await(b.acquire())).isFalse();
        assertThat(await(a.release())).isTrue();
        assertThat(await(b.acquire())).isTrue();
        assertThat(await(a.renew())).as("a released lease is not renewed").isFalse();
    }

    @Test
    void theKeeperReportsGainAndLoss(Vertx vertx) throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        LeaseKeeper keeperA = new LeaseKeeper(vertx, a, clock, Duration.ofSeconds(10), listener("a", events));
        LeaseKeeper keeperB = new LeaseKeeper(vertx, b, clock, Duration.ofSeconds(10), listener("b", events));

        assertThat(await(keeperA.tick())).isTrue();
        assertThat(await(keeperB.tick())).isFalse();
        clock.advance(Duration.ofSeconds(10));
        assertThat(await(keeperA.tick())).as("renewed").isTrue();
        clock.advance(Duration.ofSeconds(31)); // A's process hangs: no tick for 31 s
        assertThat(keeperA.leading()).as("A knows by its own clock").isFalse();
        assertThat(await(keeperB.tick())).isTrue();
        assertThat(await(keeperA.tick())).isFalse();
        await(keeperB.stop());

        assertThat(events).containsExactly("a gained", "b gained", "a lost", "b lost");
        assertThat(await(keeperA.tick())).as("free again after B stopped").isTrue();
    }

    private static LeaseListener listener(String name, List<String> events) {
        return new LeaseListener() {
            @Override
            public void gained() {
                events.add(name + " gained");
            }

            @Override
            public void lost() {
                events.add(name + " lost");
            }
        };
    }
}
