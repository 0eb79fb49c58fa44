package jp.jpkigate.revocation.store.redis;

import static jp.jpkigate.testing.TestRedis.await;
import static jp.jpkigate.testing.TestRedis.call;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxTestContext;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import jp.jpkigate.revocation.snapshot.TestSnapshots;
import jp.jpkigate.revocation.store.SnapshotAnnouncement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A second replica (its own client and subscription) hears about snapshots the first one puts. */
class RedisSnapshotAnnouncementsTest extends RedisTestBase {
    private Redis readerRedis;
    private RedisSnapshotStore writer;
    private RedisSnapshotAnnouncements announcements;

    @BeforeEach
    void connect(Vertx vertx) throws Exception {
        readerRedis = server.client(vertx);
        writer = new RedisSnapshotStore(vertx, redis, RedisKeys.DEFAULT, 4096);
        announcements = new RedisSnapshotAnnouncements(vertx, readerRedis, RedisKeys.DEFAULT,
                new RedisSnapshotStore(vertx, readerRedis, RedisKeys.DEFAULT));
    }

    @AfterEach
    void close() throws Exception {
        await(announcements.close());
        await(readerRedis.close());
    }

    @Test
    void aPutIsAnnouncedToTheOtherReplica(VertxTestContext ctx) throws Exception {
        long before = await(writer.nextVersion());
        await(writer.put("sign-2024", before, TestSnapshots.random(100, 1)));
        List<SnapshotAnnouncement> heard = new CopyOnWriteArrayList<>();
        long[] next = new long[1];
        await(announcements.subscribe(a -> {
            heard.add(a);
            if (a.version() == next[0]) {
                ctx.completeNow();
            }
        }));
        assertThat(heard).as("current versions replayed on subscribe")
                .containsExactly(new SnapshotAnnouncement("sign-2024", before));

        next[0] = await(writer.nextVersion());
        await(writer.put("auth-2024", next[0], TestSnapshots.random(100, 2)));

        assertThat(ctx.awaitCompletion(10, TimeUnit.SECONDS)).isTrue();
        assertThat(heard).contains(new SnapshotAnnouncement("auth-2024", next[0]));
    }

    @Test
    void publishReachesTheSubscriber(VertxTestContext ctx) throws Exception {
        await(announcements.subscribe(a -> ctx.verify(() -> {
            assertThat(a).isEqualTo(new SnapshotAnnouncement("auth-2025", 77));
            ctx.completeNow();
        })));
        await(announcements.publish("auth-2025", 77));
        assertThat(ctx.awaitCompletion(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aKilledSubscriptionComesBackAndMissesNothing(VertxTestContext ctx) throws Exception {
        long[] expected = {Long.MAX_VALUE};
        await(announcements.subscribe(a -> {
            if (a.sourceId().equals("sign-2024") && a.version() == expected[0]) {
                ctx.completeNow();
            }
        }));

        call(redis, Command.CLIENT, "KILL", "TYPE", "pubsub");
        expected[0] = await(writer.nextVersion());
        await(writer.put("sign-2024", expected[0], TestSnapshots.random(100, 3))); // likely during the gap

        assertThat(ctx.awaitCompletion(10, TimeUnit.SECONDS)).isTrue();
    }
}
