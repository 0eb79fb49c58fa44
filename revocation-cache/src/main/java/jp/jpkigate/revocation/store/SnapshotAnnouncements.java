package jp.jpkigate.revocation.store;

import io.vertx.core.Future;
import io.vertx.core.Handler;

/**
 * Tells every replica when a source's snapshot changes, so that all answer the same data version
 * within seconds of a change.
 *
 * <p>Contract: after {@link #subscribe} succeeds, the handler receives every announcement
 * published while the subscription is up, and, each time the subscription (re)starts (first, and
 * after a lost connection is re-established), the current version of every source from
 * {@link SnapshotStore#versions()}, so nothing published before or during a gap is missed. The
 * handler therefore sees duplicates and versions it already has: it must ignore a version that is
 * not greater than the one it holds. The handler runs on the subscriber's context.
 */
public interface SnapshotAnnouncements {
    /** Announces that {@code sourceId} now has data {@code version}. */
    Future<Void> publish(String sourceId, long version);

    /**
     * Starts delivering announcements to {@code handler}; the future completes once the first
     * subscription is active and the current versions were delivered (it fails, and nothing is
     * retried, if that first attempt fails). One subscription per instance.
     */
    Future<Void> subscribe(Handler<SnapshotAnnouncement> handler);

    /** Stops the subscription and its reconnect attempts. */
    Future<Void> close();
}
