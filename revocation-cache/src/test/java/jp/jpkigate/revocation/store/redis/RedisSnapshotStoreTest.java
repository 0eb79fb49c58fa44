package jp.jpkigate.revocation.store.redis;

import static jp.jpkigate.testing.TestRedis.await;
import static jp.jpkigate.testing.TestRedis.call;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Response;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import jp.jpkigate.revocation.crl.CrlSnapshot;
import jp.jpkigate.revocation.snapshot.SnapshotCodec;
import jp.jpkigate.revocation.snapshot.SnapshotFormatException;
import jp.jpkigate.revocation.snapshot.TestSnapshots;
import jp.jpkigate.revocation.store.VersionedSnapshot;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Snapshots through a real redis-server, with 1 KiB chunks so that small snapshots span many. */
class RedisSnapshotStoreTest extends RedisTestBase {
    private static final RedisKeys KEYS = RedisKeys.DEFAULT;
    private RedisSnapshotStore store;

    @BeforeEach
    void connect(Vertx vertx) throws Exception {
        store = new RedisSnapshotStore(vertx, redis, KEYS, 1024);
    }

    @Test
    void aMultiChunkSnapshotComesBackAnsweringTheSame() throws Exception {
        CrlSnapshot snapshot = TestSnapshots.random(2_000, 11);
        long version = await(store.nextVersion());

        assertThat(await(store.put("sign-2024", version, snapshot))).isTrue();
        VersionedSnapshot loaded = await(store.get("sign-2024")).orElseThrow();

        assertThat(loaded.version()).isEqualTo(version);
        assertThat(SnapshotCodec.encode(loaded.snapshot())).isEqualTo(SnapshotCodec.encode(snapshot));
        snapshot.index().forEach(new jp.jpkigate.revocation.index.EntryVisitor() {
            @Override
            public void shortEntry(long serial, int reasonCode, long epochDay) {
                assertThat(loaded.snapshot().index().find(serial)).isEqualTo(snapshot.index().find(serial));
            }

            @Override
            public void longEntry(java.math.BigInteger serial, int reasonCode, long epochDay) {
                assertThat(loaded.snapshot().index().find(serial)).isEqualTo(snapshot.index().find(serial));
            }
        });
        long chunks = (SnapshotCodec.encodedSize(snapshot) + 1023) / 1024;
        assertThat(chunkKeys("sign-2024")).hasSize((int) chunks).hasSizeGreaterThan(10);
        assertThat(call(redis, Command.HGET, KEYS.manifests(), "sign-2024").toString())
                .isEqualTo(version + " " + chunks + " " + SnapshotCodec.encodedSize(snapshot));
    }

    @Test
    void aNewVersionReplacesTheOldAndDeletesItsChunks() throws Exception {
        long v1 = await(store.nextVersion());
        await(store.put("auth-2024", v1, TestSnapshots.random(500, 1)));
        long v2 = await(store.nextVersion());
        CrlSnapshot second = TestSnapshots.random(800, 2);

        assertThat(await(store.put("auth-2024", v2, second))).isTrue();

        assertThat(v2).isGreaterThan(v1);
        assertThat(chunkKeys("auth-2024")).allMatch(key -> key.contains(":" + v2 + ":"))
                .hasSize((int) ((SnapshotCodec.encodedSize(second) + 1023) / 1024));
        for (String key : chunkKeys("auth-2024")) {
            assertThat(call(redis, Command.PTTL, key).toLong()).as("switched chunks are persistent").isEqualTo(-1);
        }
        assertThat(await(store.get("auth-2024")).orElseThrow().version()).isEqualTo(v2);
    }

    @Test
    void anOlderVersionIsRefusedAndLeavesNothingBehind() throws Exception {
        long v1 = await(store.nextVersion());
        long v2 = await(store.nextVersion());
        await(store.put("sign-2024", v2, TestSnapshots.random(300, 3)));
        List<String> before = chunkKeys("sign-2024");

        assertThat(await(store.put("sign-2024", v1, TestSnapshots.random(300, 4)))).isFalse();
        assertThat(await(store.put("sign-2024", v2, TestSnapshots.random(300, 5)))).isFalse();

        assertThat(chunkKeys("sign-2024")).containsExactlyInAnyOrderElementsOf(before);
        assertThat(await(store.get("sign-2024")).orElseThrow().version()).isEqualTo(v2);
    }

    @Test
    void versionsListsEverySourceAndGetSkipsWhatTheCallerHas() throws Exception {
        long a = await(store.nextVersion());
        await(store.put("sign-2024", a, TestSnapshots.random(100, 6)));
        long b = await(store.nextVersion());
        await(store.put("auth-2024", b, TestSnapshots.random(100, 7)));

        assertThat(await(store.versions())).isEqualTo(Map.of("sign-2024", a, "auth-2024", b));
        assertThat(await(store.getNewerThan("auth-2024", b))).isEmpty();
        assertThat(await(store.get("unknown"))).isEqualTo(Optional.empty());
    }

    @Test
    void aCorruptStoredChunkFailsWithTheFormatException() throws Exception {
        long v = await(store.nextVersion());
        await(store.put("sign-2024", v, TestSnapshots.random(300, 8)));
        call(redis, Command.SETRANGE, KEYS.chunk("sign-2024", v, 1), "10", "X");

        ExecutionException failure = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> await(store.get("sign-2024")));
        assertThat(failure.getCause()).isInstanceOf(SnapshotFormatException.class);
    }

    /** A million entries through 1 MiB chunks; prints the put and get times. */
    @Test
    void aMillionEntriesGoThroughOneMegabyteChunks(Vertx vertx) throws Exception {
        RedisSnapshotStore big = new RedisSnapshotStore(vertx, redis, KEYS, 1 << 20);
        CrlSnapshot snapshot = TestSnapshots.random(1_000_000, 12);
        long version = await(big.nextVersion());
        long t0 = System.nanoTime();
        assertThat(await(big.put("sign-2024", version, snapshot))).isTrue();
        long t1 = System.nanoTime();
        VersionedSnapshot loaded = await(big.get("sign-2024")).orElseThrow();
        long t2 = System.nanoTime();

        assertThat(loaded.snapshot().index().size()).isEqualTo(snapshot.index().size());
        assertThat(chunkKeys("sign-2024")).hasSize((int) ((SnapshotCodec.encodedSize(snapshot) + (1 << 20) - 1) >> 20));
        System.out.printf("redis snapshot store: 1M entries, %,d bytes: put %.0f ms, get %.0f ms%n",
                SnapshotCodec.encodedSize(snapshot), (t1 - t0) / 1e6, (t2 - t1) / 1e6);
    }

    private List<String> chunkKeys(String sourceId) throws Exception {
        Response keys = call(redis, Command.KEYS, "{jpki:revocation}:snapshot:chunk:" + sourceId + ":*");
        return keys.stream().map(Response::toString).toList();
    }
}
