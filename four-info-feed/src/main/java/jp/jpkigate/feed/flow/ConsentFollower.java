package jp.jpkigate.feed.flow;

import io.vertx.core.Future;
import java.time.Clock;
import java.util.Collection;
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
 * ends ({@link ConsentEnding}: delivery stops, one withdrawal event). The cursor moves after each page; replaying a page changes nothing (a watched consent keeps the
 * certificate it moved to, an ended one stays ended).
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

    private Future<Integer> follow(String business) {
        String mark = "cursor:" + business;
        return marks.get(mark).compose(cursor -> changes.since(business, cursor, pageSize)).compose(page -> {
            Future<Void> done = Future.succeededFuture();
            for (ConsentChangeLog.Entry entry : page.entries()) {
                done = done.compose(v -> apply(business, entry.change()));
            }
            return page.entries().isEmpty() ? Future.succeededFuture(0)
                    : done.compose(v -> marks.put(mark, page.next())).map(page.entries().size());
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
