package jp.jpkigate.revocation.store;

import io.vertx.core.Future;
import java.time.Duration;

/**
 * A lease that lets one replica at a time ingest CRLs: the holder renews it well before it
 * expires; when the holder dies, another replica takes it over once it has expired.
 *
 * <p>Contract: expiry is judged by the injected clock of the caller ("now" is sent with each
 * call), so replicas need roughly synchronised clocks, and tests advance a clock instead of
 * sleeping. The lease is an efficiency guard (one ingest instead of N), not the only safety: the
 * data version makes a stale leader's late {@link SnapshotStore#put} a no-op.
 * <ul>
 * <li>{@link #acquire()}: true if the lease was free, expired, or already this holder's; it then
 *     belongs to this holder until now + {@link #duration()}.</li>
 * <li>{@link #renew()}: true only if this holder holds it and it has not expired; extends it to
 *     now + {@link #duration()}. False means the lease is lost: stop ingesting.</li>
 * <li>{@link #release()}: frees it, only if this holder holds it (true), else changes nothing.</li>
 * </ul>
 */
public interface LeaderLease {
    /** Who this lease object acts for (unique per replica). */
    String holderId();

    /** How long an acquire or renew holds the lease. */
    Duration duration();

    Future<Boolean> acquire();

    Future<Boolean> renew();

    Future<Boolean> release();
}
