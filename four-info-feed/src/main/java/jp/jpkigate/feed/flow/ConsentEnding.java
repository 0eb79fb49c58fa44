package jp.jpkigate.feed.flow;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.feed.detect.ProvisionQueue;
import jp.jpkigate.feed.detect.WatchList;
import jp.jpkigate.feed.set.ConsentWithdrawn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A consent that ends (withdrawn, replaced, expired, or no longer in force at J-LIS): delivery stops at once and
 * the business gets one {@link ConsentWithdrawn} SET. Steps, each safe to repeat after a crash: the watch becomes
 * ENDING (no more provision for it) and its provision task goes; the consent's undelivered events are dropped from
 * the outbox and the withdrawal SET is issued and kept on the watch entry; that SET is enqueued (idempotent by its
 * jti, so a repeat after a crash enqueues nothing twice); the entry becomes ENDED. Once the SET is kept the
 * outbox is never dropped again, so the withdrawal event itself cannot be dropped by a repeat. When the business's
 * key cannot be had now ({@link BusinessKeysUnavailable}: its {@code jwks_uri} is down) {@link #end} fails and the
 * entry stays ENDING: the caller ends it again later (the follower from the same change, the provisioner from its
 * task, rescheduled).
 */
final class ConsentEnding {
    private static final Logger LOG = LoggerFactory.getLogger(ConsentEnding.class);

    private final WatchList watches;
    private final ProvisionQueue queue;
    private final EventDispatch dispatch;

    ConsentEnding(WatchList watches, ProvisionQueue queue, EventDispatch dispatch) {
        this.watches = Objects.requireNonNull(watches, "watches");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.dispatch = Objects.requireNonNull(dispatch, "dispatch");
    }

    /**
     * Ends the consent (call under its {@link ConsentLocks} lock); false when it had ended before. Fails with
     * {@link BusinessKeysUnavailable} (the entry stays ENDING) when the withdrawal SET cannot be encrypted now.
     */
    Future<Boolean> end(String clientId, String consentId, String customerNumber, Instant at) {
        return watches.end(consentId, clientId).compose(watch -> {
            if (watch.state() == WatchList.State.ENDED) {
                return Future.succeededFuture(false);
            }
            return queue.done(consentId)
                    .compose(v -> watch.notice().isPresent() ? Future.succeededFuture(watch.notice())
                            : notice(clientId, consentId, customerNumber, at))
                    .compose(notice -> notice.isEmpty() ? Future.<Boolean>succeededFuture()
                            : dispatch.enqueue(clientId, consentId, notice.get().jti(), notice.get().jwe()))
                    .compose(v -> watches.ended(consentId))
                    .map(true);
        });
    }

    private Future<Optional<WatchList.Notice>> notice(String clientId, String consentId, String customerNumber, Instant at) {
        return dispatch.drop(clientId, consentId)
                .compose(dropped -> dispatch.issue(clientId, new ConsentWithdrawn(consentId, customerNumber, at)))
                .compose(set -> {
                    if (set.isEmpty()) {
                        LOG.error("consent {} ended but business {} cannot receive the feed (no encryption key)", consentId,
                                clientId);
                        return Future.succeededFuture(Optional.<WatchList.Notice>empty());
                    }
                    WatchList.Notice notice = new WatchList.Notice(set.get().jti(), set.get().token());
                    return watches.saveNotice(consentId, notice).compose(saved -> saved ? Future.succeededFuture(Optional.of(notice))
                            : watches.find(consentId).map(found -> found.flatMap(WatchList.Watch::notice)));
                });
    }
}
