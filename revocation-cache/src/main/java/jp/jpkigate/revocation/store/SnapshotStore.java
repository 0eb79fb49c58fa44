package jp.jpkigate.revocation.store;

import io.vertx.core.Future;
import java.util.Map;
import java.util.Optional;
import jp.jpkigate.revocation.crl.CrlSnapshot;

/**
 * The shared copy of every source's current index, so that one replica ingests CRLs and the
 * others (and any replica starting later) load its result instead of downloading CRLs.
 *
 * <p>Contract:
 * <ul>
 * <li>Data versions are global and strictly increasing: {@link #nextVersion()} never returns the
 *     same number twice, across all replicas and sources.</li>
 * <li>{@link #put} makes a snapshot current only if its version is greater than the current one
 *     of that source, atomically: a reader sees the previous snapshot or the new one, never a
 *     mixture or a half-written one. It then announces {@code (sourceId, version)} to
 *     {@link SnapshotAnnouncements} subscribers. An older or equal version is refused
 *     ({@code false}) and leaves nothing behind, so two replicas that briefly both believe they
 *     lead cannot move a source backwards: the version is the fencing token.</li>
 * <li>{@link #get} returns the current snapshot exactly as put (lookups answer the same), or
 *     empty; {@link #versions()} the current version of every source, for a warm start.</li>
 * <li>Encoding and decoding run on worker threads; the futures complete on the caller's
 *     context. A corrupt stored snapshot fails the future with
 *     {@link jp.jpkigate.revocation.snapshot.SnapshotFormatException}.</li>
 * </ul>
 */
public interface SnapshotStore {
    /** A new data version, greater than every version handed out before. */
    Future<Long> nextVersion();

    /**
     * Stores {@code snapshot} as source {@code sourceId}'s data {@code version} and announces it.
     *
     * @return true if it became current, false if the source already had this or a newer version
     */
    Future<Boolean> put(String sourceId, long version, CrlSnapshot snapshot);

    /** The current snapshot of {@code sourceId} if its version is greater than {@code newerThan}. */
    Future<Optional<VersionedSnapshot>> getNewerThan(String sourceId, long newerThan);

    /** The current snapshot of {@code sourceId}, if any. */
    default Future<Optional<VersionedSnapshot>> get(String sourceId) {
        return getNewerThan(sourceId, 0);
    }

    /** The current data version of every stored source. */
    Future<Map<String, Long>> versions();
}
