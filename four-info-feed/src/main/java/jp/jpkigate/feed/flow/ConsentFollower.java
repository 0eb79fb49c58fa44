package jp.jpkigate.feed.flow;

import io.vertx.core.Future;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import jp.jpkigate.consent.record.ConsentRecord;
import jp.jpkigate.consent.store.ConsentChangeLog;
import jp.jpkigate.consent.store.ConsentStore;
import jp.jpkigate.feed.detect.CertificateRef;
import jp.jpkigate.feed.detect.DetectMarks;
import jp.jpkigate.feed.detect.StatusCheck;
import jp.jpkigate.feed.detect.WatchList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows every feed business's consent change log ({@link ConsentChangeLog}), from a cursor per business kept
 * in {@link DetectMarks}: a consent becoming pending or active (and in force) is watched on its evidence's
 * signature certificate, which is then checked at once with the revocation cache ({@link StatusCheck#check}): a
 * revocation the detector read from the stream before the watch existed is not missed; one withdrawn or expired
 * ends ({@link ConsentEnding}: delivery stops, one withdrawal event). The cursor moves after each page, up to the
 * first change that failed (for example a withdrawal whose event cannot be encrypted while the business's
 * {@code jwks_uri} is down): that one is applied again on the next pass; the other businesses go on. Replaying a
 * page changes nothing (a watched consent keeps the certificate it moved to, an ended one stays ended).
 */
final class ConsentFollower {
    private static final Logger LOG = LoggerFactory.getLogger(ConsentFollower.class);
    private final ConsentChangeLog changes;
    private final ConsentStore consents;
    private final WatchList watches;
    private final StatusCheck statusCheck;
    private final ConsentEnding ending;
    private final ConsentLocks locks;
    private final DetectMarks marks;
    private final Supplier<Collection<String>> businesses;
    private final Clock clock;
    private final int pageSize;

    ConsentFollower(ConsentChangeLog changes, ConsentStore consents, WatchList watches, StatusCheck statusCheck,
                    ConsentEnding ending, ConsentLocks locks, DetectMarks marks, Supplier<Collection<String>> businesses,
                    Clock clock, int pageSize) {
        this.changes = Objects.requireNonNull(changes, "changes");
        this.consents = Objects.requireNonNull(consents, "consents");
        this.watches = Objects.requireNonNull(watches, "watches");
        this.statusCheck = Objects.requireNonNull(statusCheck, "statusCheck");
        this.ending = Objects.requireNonNull(ending, "ending");
        this.locks = Objects.requireNonNull(locks, "locks");
        this.marks = Objects.requireNonNull(marks, "marks");
        this.businesses = Objects.requireNonNull(businesses, "businesses");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.pageSize = pageSize;
    }

    /** One page of every business's change log: how many changes were processed. */
    Future<Integer> runOnce() {
        Future<Integer> total = Future.succeededFuture(0);
        for (String business : businesses.get()) {
            total = total.compose(n -> follow(business).map(m -> n + m));
        }
        return total;
    }

    /**
     * Up to one page of the business's log, in order, the cursor after the last change applied: a change that
     * fails (the business's key unavailable for its withdrawal event, Redis) stops the page there, to be applied
     * again on the next pass, without holding up the other businesses.
     */
    private Future<Integer> follow(String business) {
        String mark = "cursor:" + business;
        return marks.get(mark).compose(cursor -> changes.since(business, cursor, pageSize))
                .compose(page -> applyFrom(business, page.entries(), 0))
                .compose(applied -> applied.cursor().isEmpty() ? Future.succeededFuture(0)
                        : marks.put(mark, applied.cursor().get()).map(applied.count()))
                .recover(e -> {
                    LOG.warn("change log of {} not followed this time: {}", business, e.getMessage());
                    return Future.succeededFuture(0);
                });
    }

    /** How many entries were applied and the cursor of the last one. */
    private record Applied(int count, Optional<String> cursor) {
    }

    private Future<Applied> applyFrom(String business, List<ConsentChangeLog.Entry> entries, int index) {
        if (index == entries.size()) {
            return Future.succeededFuture(new Applied(index, index == 0 ? Optional.empty()
                    : Optional.of(entries.get(index - 1).cursor())));
        }
        return apply(business, entries.get(index).change()).transform(ar -> {
            if (ar.succeeded()) {
                return applyFrom(business, entries, index + 1);
            }
            LOG.warn("change of {}'s consent {} left for the next pass: {}", business, entries.get(index).change().consentId(),
                    ar.cause().getMessage());
            return Future.succeededFuture(new Applied(index, index == 0 ? Optional.empty()
                    : Optional.of(entries.get(index - 1).cursor())));
        });
    }

    private Future<Void> apply(String business, ConsentChangeLog.Change change) {
        return switch (change.status()) {
            case PENDING, ACTIVE -> consents.find(change.consentId()).compose(found -> watch(business, found));
            case WITHDRAWN, EXPIRED -> locks.run(change.consentId(), () -> ending.end(business, change.consentId(),
                    change.customerNumber(), change.at())).mapEmpty();
        };
    }

    private Future<Void> watch(String business, Optional<ConsentRecord> found) {
        if (found.isEmpty() || !found.get().clientId().equals(business) || !found.get().isInForce(clock.instant())) {
            LOG.debug("a change of {}'s consent not watched: {}", business, found.isEmpty() ? "no record" : "not in force");
            return Future.succeededFuture();
        }
        ConsentRecord consent = found.get();
        return watches.watch(consent.id(), business, new CertificateRef(consent.evidence().certificateIssuer(),
                consent.evidence().certificateSerial())).compose(w -> {
                    LOG.debug("consent {} of {}: {} {}", consent.id(), business, w.state(),
                            w.certificate().map(CertificateRef::toString).orElse(""));
                    return w.state() == WatchList.State.WATCHING ? statusCheck.check(consent.id()).mapEmpty()
                            : Future.<Void>succeededFuture();
                });
    }
}
