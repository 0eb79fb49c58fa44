package jp.jpkigate.revocation.replica;

import static jp.jpkigate.revocation.service.SimFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.Redis;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import jp.jpkigate.revocation.cache.CacheUpdate;
import jp.jpkigate.revocation.index.CrlReason;
import jp.jpkigate.revocation.index.RevokedSerialIndex;
import jp.jpkigate.revocation.service.CheckResult;
import jp.jpkigate.revocation.service.RevocationChange;
import jp.jpkigate.revocation.service.RevocationRuntime;
import jp.jpkigate.revocation.service.RevocationServiceOptions;
import jp.jpkigate.revocation.service.SimFixture;
import jp.jpkigate.revocation.source.SimulatorDiscovery;
import jp.jpkigate.revocation.store.StreamedChange;
import jp.jpkigate.revocation.store.redis.RedisKeys;
import jp.jpkigate.revocation.store.redis.RedisLeaderLease;
import jp.jpkigate.revocation.store.redis.RedisRevocationStream;
import jp.jpkigate.revocation.store.redis.RedisSnapshotAnnouncements;
import jp.jpkigate.revocation.store.redis.RedisSnapshotStore;
import jp.jpkigate.sim.registry.Device;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import jp.jpkigate.testing.TestRedis;

/**
 * Three replicas, one real Redis, one simulator: one ingests, the others follow by announcement,
 * a late one starts warm, and when the ingesting one dies another takes over. Time moves only when
 * the test advances the shared clock.
 */
@ExtendWith(VertxExtension.class)
class ReplicaCoordinatorTest {
    private static final Duration LEASE = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private TestRedis redisServer;
    private SimFixture sim;
    private final List<Replica> replicas = new ArrayList<>();

    /** One gateway replica's revocation cache. */
    private record Replica(RevocationRuntime runtime, ReplicaCoordinator coordinator, Redis redis) {
        CheckResult check(X509Certificate certificate) throws Exception {
            return await(runtime.service().check(certificate));
        }

        /** The next snapshot of {@code sourceId} this replica installs from the store. */
        io.vertx.core.Future<CacheUpdate> nextInstall(String sourceId) {
            return nextInstall(sourceId, update -> true);
        }

        /** The next snapshot of {@code sourceId} installed from the store that lists {@code serial}. */
        io.vertx.core.Future<CacheUpdate> nextInstallListing(String sourceId, java.math.BigInteger serial) {
            return nextInstall(sourceId, update ->
                    update.snapshot().index().find(serial) != RevokedSerialIndex.NOT_REVOKED);
        }

        private io.vertx.core.Future<CacheUpdate> nextInstall(String sourceId, Predicate<CacheUpdate> wanted) {
            Promise<CacheUpdate> installed = Promise.promise();
            runtime.cache().addListener(update -> {
                if (update.sourceId().equals(sourceId) && update.origin() == CacheUpdate.Origin.INSTALLED
                        && wanted.test(update)) {
                    installed.tryComplete(update);
                }
            });
            return installed.future();
        }
    }

    @AfterEach
    void stop() throws Exception {
        for (Replica replica : replicas) {
            await(replica.runtime().close());
            await(replica.redis().close());
        }
        if (sim != null) {
            sim.close();
        }
        if (redisServer != null) {
            redisServer.close();
        }
    }

    @Test
    void oneIngestsTheOthersFollowAndTakeOver(Vertx vertx) throws Exception {
        redisServer = TestRedis.start();
        sim = SimFixture.start(vertx, dir);
        Device card = sim.issueCard("山田");
        sim.publish();
        X509Certificate signature = sim.certificate(card.signature());
        String source = card.signature().caId();
        SimulatorDiscovery.Discovered found = sim.discover(Duration.ofHours(1));

        Replica a = start(vertx, "replica-a", found);
        Replica b = start(vertx, "replica-b", found);
        assertThat(a.coordinator().leading()).isTrue();
        assertThat(b.coordinator().leading()).isFalse();

        // A ingests; B installs what A stored, without downloading a CRL
        var bInstalls = b.nextInstall(source);
        await(a.runtime().scheduler().ingestNow());
        await(bInstalls);
        assertThat(a.check(signature)).isInstanceOf(CheckResult.Good.class);
        assertThat(b.check(signature)).isInstanceOf(CheckResult.Good.class);
        assertThat(b.runtime().metrics().crlIngests.sum()).isZero();

        // the person moves: A ingests the delta, B follows, both answer revoked at the same version
        sim.state.registry().life().move(card.personId(), SimFixture.SAPPORO, "北海道札幌市中央区北一条西二丁目");
        sim.publish();
        bInstalls = b.nextInstallListing(source, card.signature().serial());
        await(a.runtime().scheduler().ingestNow(source));
        await(bInstalls);
        CheckResult onA = a.check(signature);
        CheckResult onB = b.check(signature);
        assertThat(onA).isInstanceOfSatisfying(CheckResult.Revoked.class,
                r -> assertThat(r.reason()).isEqualTo(CrlReason.AFFILIATION_CHANGED));
        assertThat(onB).isEqualTo(onA);

        // the change is on the shared stream for other modules
        List<StreamedChange> changes = await(new RedisRevocationStream(a.redis(), RedisKeys.DEFAULT).read("0", 10));
        assertThat(changes).extracting(StreamedChange::change)
                .anySatisfy(c -> {
                    assertThat(c.serial()).isEqualTo(card.signature().serial());
                    assertThat(c.kind()).isEqualTo(RevocationChange.Kind.REVOKED);
                });

        // a new replica starts warm from the stored snapshot: it answers before any download of its own
        Replica c = start(vertx, "replica-c", found);
        assertThat(c.check(signature)).isEqualTo(onA);
        assertThat(c.runtime().metrics().snapshotLoads.sum()).isPositive();
        assertThat(c.runtime().metrics().crlIngests.sum()).isZero();

        // A dies (stops renewing): once its lease has run out, B takes over the ingest
        sim.clock.advance(LEASE.plusSeconds(1));
        assertThat(await(b.coordinator().tick())).isTrue();
        assertThat(await(c.coordinator().tick())).isFalse();
        assertThat(b.coordinator().leading()).isTrue();
        assertThat(await(a.coordinator().tick())).isFalse();
        assertThat(a.coordinator().leading()).isFalse();
        await(b.runtime().scheduler().ingestNow()); // the round that taking over started
        sim.state.registry().life().lose(card.id());
        sim.publish();
        var cInstalls = c.nextInstallListing(card.authentication().caId(), card.authentication().serial());
        await(b.runtime().scheduler().ingestNow(card.authentication().caId()));
        await(cInstalls);
        assertThat(c.check(sim.certificate(card.authentication()))).isInstanceOfSatisfying(CheckResult.Revoked.class,
                r -> assertThat(r.reason()).isEqualTo(CrlReason.CERTIFICATE_HOLD));
    }

    private Replica start(Vertx vertx, String name, SimulatorDiscovery.Discovered found) throws Exception {
        Redis redis = redisServer.client(vertx);
        RevocationRuntime runtime = RevocationRuntime.create(vertx, sim.clock, found.crlSources(),
                RevocationServiceOptions.defaults().withOcspIssuers(found.ocspIssuers()));
        RedisSnapshotStore store = new RedisSnapshotStore(vertx, redis, RedisKeys.DEFAULT);
        ReplicaCoordinator coordinator = new ReplicaCoordinator(vertx, runtime, store,
                new RedisSnapshotAnnouncements(vertx, redis, RedisKeys.DEFAULT, store),
                new RedisLeaderLease(redis, RedisKeys.DEFAULT, "crl-ingest", name, LEASE, sim.clock),
                new RedisRevocationStream(redis, RedisKeys.DEFAULT), sim.clock, Duration.ofSeconds(10));
        await(coordinator.start());
        Replica replica = new Replica(runtime, coordinator, redis);
        replicas.add(replica);
        return replica;
    }
}
