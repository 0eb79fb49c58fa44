package jp.jpkigate.consent.registry;

import io.vertx.core.Future;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import jp.jpkigate.consent.ConsentAuditTrail;
import jp.jpkigate.consent.ConsentItems;
import jp.jpkigate.consent.record.BusinessStatus;
import jp.jpkigate.consent.record.ConsentEvidence;
import jp.jpkigate.consent.record.ConsentRecord;
import jp.jpkigate.consent.record.ConsentState;
import jp.jpkigate.consent.record.Registration;
import jp.jpkigate.consent.record.Withdrawal;
import jp.jpkigate.consent.store.ConsentChangeLog;
import jp.jpkigate.consent.store.ConsentStore;
import jp.jpkigate.consent.store.RegistryQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ConsentRegistration} with J-LIS: the consent is queued first ({@link RegistryQueue}, durable), then
 * J-LIS is asked at once; what it does not acknowledge stays queued and {@link RegistryRetryTask} asks again
 * with {@link RetryBackoff}.
 *
 * <p>One step ({@link #settle}) decides from the stored record what is owed: a signed consent without J-LIS's
 * registration is registered (also one withdrawn meanwhile: J-LIS may have recorded it without our hearing,
 * and must then be told of the withdrawal); a withdrawal made here and not yet reported is reported.
 * Registered: J-LIS's registration is stored and the signature certificate dropped ({@link
 * ConsentRecord#registered}, compare-and-set), the business's change log gets {@code active}, the audit log
 * {@code consent_registered}. J-LIS unavailable: the next attempt is scheduled; the first failure is audited.
 * J-LIS refused (a bad signature, a revoked certificate: retrying cannot help): audited, no longer queued,
 * the record stays as it is (a withdrawn one that J-LIS never recorded counts as reported). Audit and change
 * entries are written before the record changes, so a crash in between repeats them rather than losing them.
 */
public final class RegistrySync implements ConsentRegistration {
    private static final Logger LOG = LoggerFactory.getLogger(RegistrySync.class);
    private static final int CAS_ATTEMPTS = 5;

    private final JlisConsentRegistry jlis;
    private final ConsentStore consents;
    private final ConsentChangeLog changes;
    private final RegistryQueue queue;
    private final ConsentAuditTrail audit;
    private final Function<String, String> businessNames;
    private final RetryBackoff backoff;
    private final Clock clock;

    /** @param businessNames the business's name as J-LIS records it, by client id */
    public RegistrySync(JlisConsentRegistry jlis, ConsentStore consents, ConsentChangeLog changes, RegistryQueue queue,
                        ConsentAuditTrail audit, Function<String, String> businessNames, RetryBackoff backoff, Clock clock) {
        this.jlis = Objects.requireNonNull(jlis, "jlis");
        this.consents = Objects.requireNonNull(consents, "consents");
        this.changes = Objects.requireNonNull(changes, "changes");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.businessNames = Objects.requireNonNull(businessNames, "businessNames");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Future<ConsentRecord> register(ConsentRecord signed) {
        return queueAndSettle(signed);
    }

    @Override
    public Future<ConsentRecord> reportWithdrawal(ConsentRecord withdrawn) {
        return queueAndSettle(withdrawn);
    }

    /** One attempt for a queued consent ({@link RegistryRetryTask}); empty (and dequeued) when there is no such record. */
    public Future<Optional<ConsentRecord>> retry(String consentId) {
        return consents.find(consentId).compose(found -> found.isEmpty()
                ? queue.done(consentId).map(Optional.<ConsentRecord>empty())
                : settle(found.get()).map(Optional::of));
    }

    private Future<ConsentRecord> queueAndSettle(ConsentRecord record) {
        return queue.schedule(record.id(), clock.instant().plus(backoff.initial())).compose(v -> settle(record));
    }

    private Future<ConsentRecord> settle(ConsentRecord record) {
        if (needsRegistration(record)) {
            return registerAtJlis(record);
        }
        if (needsReport(record)) {
            return reportAtJlis(record);
        }
        return queue.done(record.id()).map(record);
    }

    private static boolean needsRegistration(ConsentRecord r) {
        return r.registration().isEmpty() && (r.state() == ConsentState.REGISTERING || unreported(r));
    }

    private static boolean needsReport(ConsentRecord r) {
        return r.registration().isPresent() && unreported(r);
    }

    private static boolean unreported(ConsentRecord r) {
        return r.state() == ConsentState.WITHDRAWN && r.withdrawal().map(w -> !w.reportedToRegistry()).orElse(false);
    }

    private Future<ConsentRecord> registerAtJlis(ConsentRecord record) {
        ConsentEvidence evidence = record.evidence();
        if (evidence.certificate().isEmpty()) {
            return refused(record, "certificate_missing");
        }
        JlisConsentRegistry.Registration request = new JlisConsentRegistry.Registration(record.id(), record.clientId(),
                businessNames.apply(record.clientId()), ConsentItems.wireNames(record.items()),
                new JlisConsentRegistry.Signed(evidence.statement(), evidence.signature(), evidence.certificate().get()));
        return jlis.register(request).transform(ar -> ar.succeeded() ? registered(record, ar.result())
                : failed(record, ar.cause(), "", r -> r.state() == ConsentState.WITHDRAWN
                        ? cas(r, ConsentRecord::withoutCertificates, x -> true).compose(this::markReported) : refusedFuture(r)));
    }

    private Future<ConsentRecord> registered(ConsentRecord record, JlisConsentRegistry.Recorded recorded) {
        Registration registration = new Registration(recorded.registryId(), recorded.recordedAt(), recorded.validUntil());
        return audit.registered(record)
                .compose(v -> record.state() != ConsentState.REGISTERING ? Future.<String>succeededFuture()
                        : changes.append(record.clientId(), new ConsentChangeLog.Change(record.id(), record.customerNumber(),
                                BusinessStatus.ACTIVE, clock.instant(), Optional.empty())))
                .compose(v -> cas(record, r -> r.registered(registration), r -> r.registration().isEmpty()))
                .compose(this::settle);
    }

    private Future<ConsentRecord> reportAtJlis(ConsentRecord record) {
        Withdrawal withdrawal = record.withdrawal().orElseThrow();
        Optional<ConsentEvidence> evidence = withdrawal.evidence().filter(e -> e.certificate().isPresent());
        if (evidence.isEmpty()) {
            return refused(record, "withdrawal_evidence_missing");
        }
        ConsentEvidence e = evidence.get();
        JlisConsentRegistry.Signed signed = new JlisConsentRegistry.Signed(e.statement(), e.signature(), e.certificate().get());
        return jlis.withdraw(record.registration().orElseThrow().registryId(), signed)
                .transform(ar -> ar.succeeded() ? markReported(record)
                        : failed(record, ar.cause(), "withdrawal_", r -> isEnded(ar.cause()) ? markReported(r) : refusedFuture(r)));
    }

    /** J-LIS says the consent is no longer in force there (replaced or expired): nothing is left to withdraw. */
    private static boolean isEnded(Throwable failure) {
        return failure instanceof JlisException j && j.kind() == JlisException.Kind.REFUSED
                && j.problemType().equals("consent-ended");
    }

    private Future<ConsentRecord> markReported(ConsentRecord record) {
        return cas(record, r -> r.withdrawn(r.withdrawal().orElseThrow().reported()), RegistrySync::unreported)
                .compose(r -> queue.done(r.id()).map(r));
    }

    /**
     * A failed call: J-LIS unavailable → the next attempt is scheduled (the first failure audited); refused →
     * {@code onRefusal} after auditing; anything else (the store) fails the future.
     */
    private Future<ConsentRecord> failed(ConsentRecord record, Throwable cause, String reasonPrefix,
                                         Function<ConsentRecord, Future<ConsentRecord>> onRefusal) {
        if (!(cause instanceof JlisException jlisFailure)) {
            return Future.failedFuture(cause);
        }
        String reason = reasonPrefix + jlisFailure.reason();
        if (jlisFailure.kind() == JlisException.Kind.REFUSED) {
            LOG.warn("J-LIS refused consent {}: {} {}", record.id(), jlisFailure.status(), jlisFailure.problemType());
            return audit.registrationFailed(record, reason).compose(v -> onRefusal.apply(record));
        }
        return queue.failed(record.id()).compose(failures -> queue.schedule(record.id(),
                        clock.instant().plus(backoff.delay(failures)))
                .compose(v -> failures == 1 ? audit.registrationFailed(record, reason) : Future.<Void>succeededFuture()))
                .map(record);
    }

    private Future<ConsentRecord> refused(ConsentRecord record, String reason) {
        LOG.error("consent {} cannot be sent to J-LIS: {}", record.id(), reason);
        return audit.registrationFailed(record, reason).compose(v -> refusedFuture(record));
    }

    /** Given up: no longer queued; the record stays as it is. */
    private Future<ConsentRecord> refusedFuture(ConsentRecord record) {
        return queue.done(record.id()).map(record);
    }

    /**
     * Applies {@code change} to the stored record by compare-and-set, re-reading after a concurrent change, as
     * long as the stored record {@code stillNeeds} it; answers the record as it stands afterwards.
     */
    private Future<ConsentRecord> cas(ConsentRecord current, UnaryOperator<ConsentRecord> change,
                                      Predicate<ConsentRecord> stillNeeds) {
        return cas(current, change, stillNeeds, CAS_ATTEMPTS);
    }

    private Future<ConsentRecord> cas(ConsentRecord current, UnaryOperator<ConsentRecord> change,
                                      Predicate<ConsentRecord> stillNeeds, int attempts) {
        if (!stillNeeds.test(current)) {
            return Future.succeededFuture(current);
        }
        ConsentRecord next = change.apply(current);
        return consents.update(current, next).compose(done -> {
            if (done) {
                return Future.succeededFuture(next);
            }
            if (attempts <= 1) {
                return Future.failedFuture(new IllegalStateException("consent " + current.id() + " keeps changing"));
            }
            return consents.find(current.id()).compose(stored -> stored.isEmpty()
                    ? Future.failedFuture(new IllegalStateException("consent " + current.id() + " vanished"))
                    : cas(stored.get(), change, stillNeeds, attempts - 1));
        });
    }
}
