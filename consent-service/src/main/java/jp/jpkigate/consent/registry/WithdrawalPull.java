package jp.jpkigate.consent.registry;

import io.vertx.core.Future;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import jp.jpkigate.consent.ConsentAuditTrail;
import jp.jpkigate.consent.record.BusinessStatus;
import jp.jpkigate.consent.record.ConsentRecord;
import jp.jpkigate.consent.record.Withdrawal;
import jp.jpkigate.consent.store.ConsentChangeLog;
import jp.jpkigate.consent.store.ConsentStore;
import jp.jpkigate.consent.store.RegistryCursors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The periodic pull of J-LIS's consent changes, per business from its stored cursor, to learn of
 * withdrawals the person made in J-LIS's own app: such a consent becomes WITHDRAWN here ({@link
 * Withdrawal.Source#REGISTRY}, nothing to report back), the business's change log gets {@code withdrawn}
 * (reason {@code withdrawn_at_jlis}) and the audit log {@code withdrawal_pulled}, before the record changes.
 * Other changes (registrations, replacements, expiries, withdrawals made here) are already known. The cursor
 * advances only after a page was applied, so a failed run repeats it; applying is idempotent (a consent that
 * already ended is left alone). At most {@code maxPages} pages of {@code pageSize} per business and run.
 */
public final class WithdrawalPull {
    /** The change-log reason of a withdrawal learned from J-LIS. */
    public static final String REASON = "withdrawn_at_jlis";
    private static final Logger LOG = LoggerFactory.getLogger(WithdrawalPull.class);
    private static final int CAS_ATTEMPTS = 5;

    private final JlisConsentRegistry jlis;
    private final ConsentStore consents;
    private final ConsentChangeLog changes;
    private final RegistryCursors cursors;
    private final ConsentAuditTrail audit;
    private final Supplier<Collection<String>> businesses;
    private final int pageSize;
    private final int maxPages;
    private final Clock clock;

    /** @param businesses the client ids of the businesses using the consent API, asked at each run */
    public WithdrawalPull(JlisConsentRegistry jlis, ConsentStore consents, ConsentChangeLog changes, RegistryCursors cursors,
                          ConsentAuditTrail audit, Supplier<Collection<String>> businesses, int pageSize, int maxPages,
                          Clock clock) {
        this.jlis = Objects.requireNonNull(jlis, "jlis");
        this.consents = Objects.requireNonNull(consents, "consents");
        this.changes = Objects.requireNonNull(changes, "changes");
        this.cursors = Objects.requireNonNull(cursors, "cursors");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.businesses = Objects.requireNonNull(businesses, "businesses");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (pageSize < 1 || pageSize > 1000 || maxPages < 1) {
            throw new IllegalArgumentException("pull: page size 1 to 1000, at least one page");
        }
        this.pageSize = pageSize;
        this.maxPages = maxPages;
    }

    /** One run over every business; completes with how many withdrawals were applied. A business that fails is logged and skipped. */
    public Future<Integer> runOnce() {
        List<String> all = new ArrayList<>(businesses.get());
        return each(all, 0, 0);
    }

    private Future<Integer> each(List<String> all, int index, int applied) {
        if (index >= all.size()) {
            return Future.succeededFuture(applied);
        }
        String business = all.get(index);
        return pull(business, 0, 0).transform(ar -> {
            if (ar.failed()) {
                LOG.warn("pulling J-LIS's changes for {} failed: {}", business, ar.cause().getClass().getName());
            }
            return each(all, index + 1, applied + (ar.succeeded() ? ar.result() : 0));
        });
    }

    private Future<Integer> pull(String business, int page, int applied) {
        return cursors.get(business).compose(cursor -> jlis.changes(business, cursor.orElse("0"), pageSize))
                .compose(changesPage -> apply(business, changesPage.changes(), 0, 0)
                        .compose(n -> cursors.put(business, changesPage.next()).map(n))
                        .compose(n -> changesPage.changes().size() == pageSize && page + 1 < maxPages
                                ? pull(business, page + 1, applied + n) : Future.succeededFuture(applied + n)));
    }

    private Future<Integer> apply(String business, List<JlisConsentRegistry.Change> page, int index, int applied) {
        if (index >= page.size()) {
            return Future.succeededFuture(applied);
        }
        JlisConsentRegistry.Change change = page.get(index);
        Future<Boolean> one = "withdrawn".equals(change.status()) && business.equals(change.businessId())
                ? consents.find(change.consentId()).compose(found -> found.filter(r -> r.clientId().equals(business))
                        .map(r -> withdraw(r, change, CAS_ATTEMPTS)).orElseGet(() -> Future.succeededFuture(false)))
                : Future.succeededFuture(false);
        return one.compose(done -> apply(business, page, index + 1, applied + (done ? 1 : 0)));
    }

    private Future<Boolean> withdraw(ConsentRecord record, JlisConsentRegistry.Change change, int attempts) {
        if (record.state().isFinal()) {
            return Future.succeededFuture(false);
        }
        ConsentRecord next = record.withdrawn(new Withdrawal(change.at(), Withdrawal.Source.REGISTRY, Optional.empty(), true));
        return audit.withdrawalPulled(record)
                .compose(v -> changes.append(record.clientId(), new ConsentChangeLog.Change(record.id(),
                        record.customerNumber(), BusinessStatus.WITHDRAWN, change.at(), Optional.of(REASON))))
                .compose(v -> consents.update(record, next))
                .compose(done -> done || attempts <= 1 ? Future.succeededFuture(done)
                        : consents.find(record.id()).compose(stored -> stored.isEmpty() ? Future.succeededFuture(false)
                                : withdraw(stored.get(), change, attempts - 1)));
    }
}
