package jp.jpkigate.revocation.replica;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jp.jpkigate.revocation.cache.CacheUpdate;
import jp.jpkigate.revocation.cache.RevocationCache;
import jp.jpkigate.revocation.service.RevocationRuntime;
import jp.jpkigate.revocation.source.CrlSource;
import jp.jpkigate.revocation.store.LeaderLease;
import jp.jpkigate.revocation.store.LeaseKeeper;
import jp.jpkigate.revocation.store.LeaseListener;
import jp.jpkigate.revocation.store.RevocationStream;
import jp.jpkigate.revocation.store.SnapshotAnnouncement;
import jp.jpkigate.revocation.store.SnapshotAnnouncements;
import jp.jpkigate.revocation.store.SnapshotStore;
import jp.jpkigate.revocation.store.VersionedSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shares one replica's revocation cache with the others through the shared store:
 * <ol>
 * <li>at start, every source is loaded warm from its stored snapshot (no CRL download);</li>
 * <li>the replica holding the ingest lease runs the CRL schedule; each new snapshot it ingests
 *     is stored (which announces it) and its changes are appended to the revocation stream;</li>
 * <li>every replica installs announced snapshots newer than its own, so all answer the same
 *     data version within one announcement round trip;</li>
 * <li>when the holder dies its lease runs out and another replica takes over the schedule.</li>
 * </ol>
 * Create it on the context that should run it (a verticle's).
 */
public final class ReplicaCoordinator {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicaCoordinator.class);

    private final Context context;
    private final RevocationRuntime runtime;
    private final SnapshotStore store;
    private final SnapshotAnnouncements announcements;
    private final RevocationStream stream;
    private final LeaseKeeper keeper;
    /** The store version this replica last installed or stored, per source. */
    private final Map<String, Long> storeVersions = new ConcurrentHashMap<>();

    public ReplicaCoordinator(Vertx vertx, RevocationRuntime runtime, SnapshotStore store,
                              SnapshotAnnouncements announcements, LeaderLease lease, RevocationStream stream,
                              Clock clock, Duration renewEvery) {
        this.context = vertx.getOrCreateContext();
        this.runtime = runtime;
        this.store = store;
        this.announcements = announcements;
        this.stream = stream;
        this.keeper = new LeaseKeeper(vertx, lease, clock, renewEvery, new LeaseListener() {
            @Override
            public void gained() {
                LOG.info("this replica now ingests CRLs");
                runtime.start();
            }

            @Override
            public void lost() {
                LOG.info("this replica no longer ingests CRLs");
                runtime.scheduler().stop();
            }
        });
    }

    /** Warm start from the store, then announcements, then the lease; completes when all three are in place. */
    public Future<Void> start() {
        runtime.cache().addListener(update -> context.runOnContext(v -> ingested(update)));
        List<Future<Void>> loads = runtime.scheduler().sources().stream().map(CrlSource::id).map(this::load).toList();
        return Future.join(loads)
                .compose(v -> announcements.subscribe(this::announced))
                .compose(v -> keeper.start())
                .mapEmpty();
    }

    /** Whether this replica holds the ingest lease now. */
    public boolean leading() {
        return keeper.leading();
    }

    /** Renews or takes the lease now (tests drive time with their clock and call this). */
    public Future<Boolean> tick() {
        return keeper.tick();
    }

    /** Stops ingesting, releases the lease and unsubscribes; the runtime is the caller's to close. */
    public Future<Void> stop() {
        runtime.scheduler().stop();
        return keeper.stop().eventually(announcements::close);
    }

    private void announced(SnapshotAnnouncement announcement) {
        if (announcement.version() > storeVersions.getOrDefault(announcement.sourceId(), 0L)) {
            load(announcement.sourceId());
        }
    }

    /** Installs the stored snapshot of a source if it is newer than what this replica has. Never fails. */
    private Future<Void> load(String sourceId) {
        if (runtime.scheduler().sources().stream().noneMatch(s -> s.id().equals(sourceId))) {
            return Future.succeededFuture();
        }
        return store.getNewerThan(sourceId, storeVersions.getOrDefault(sourceId, 0L))
                .map(found -> {
                    found.ifPresent(this::install);
                    return (Void) null;
                })
                .recover(e -> {
                    LOG.warn("cannot load the stored revocation snapshot of {}: {}", sourceId, e.toString());
                    return Future.succeededFuture();
                });
    }

    private void install(VersionedSnapshot stored) {
        storeVersions.merge(stored.sourceId(), stored.version(), Math::max);
        RevocationCache cache = runtime.cache();
        if (cache.install(stored.sourceId(), stored.snapshot(), RevocationCache.versionOf(stored.snapshot()))) {
            runtime.metrics().snapshotLoads.increment();
        }
    }

    /** A snapshot this replica ingested: store it (which announces it) and stream its changes. */
    private void ingested(CacheUpdate update) {
        if (update.origin() != CacheUpdate.Origin.INGESTED || !keeper.leading()) {
            return;
        }
        store.nextVersion()
                .compose(version -> store.put(update.sourceId(), version, update.snapshot())
                        .onSuccess(stored -> {
                            if (stored) {
                                storeVersions.merge(update.sourceId(), version, Math::max);
                            }
                        }))
                .compose(stored -> update.changes().isEmpty() ? Future.succeededFuture() : stream.append(update.changes()))
                .onFailure(e -> LOG.warn("cannot share the new revocation snapshot of {}: {}", update.sourceId(),
                        e.toString()));
    }
}
