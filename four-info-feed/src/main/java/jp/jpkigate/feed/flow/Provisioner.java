package jp.jpkigate.feed.flow;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import jp.jpkigate.consent.ItemDigester;
import jp.jpkigate.consent.record.ConsentRecord;
import jp.jpkigate.consent.registry.JlisException;
import jp.jpkigate.consent.registry.RetryBackoff;
import jp.jpkigate.consent.store.ConsentStore;
import jp.jpkigate.feed.detect.CaDirectory;
import jp.jpkigate.feed.detect.CertificateRef;
import jp.jpkigate.feed.detect.FourInformationSource;
import jp.jpkigate.feed.detect.ProvisionAnswer;
import jp.jpkigate.feed.detect.ProvisionQueue;
import jp.jpkigate.feed.detect.ProvisionTask;
import jp.jpkigate.feed.detect.WatchList;
import jp.jpkigate.feed.set.FourInformationChanged;
import jp.jpkigate.idp.approval.FourInformationItem;
import jp.jpkigate.idp.jpki.Gender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the due provision tasks: asks J-LIS for the consent's latest 4 information and acts on the answer.
 * <ul>
 *   <li>{@code updated}: the consented items J-LIS disclosed are digested ({@link ItemDigester}) and compared with
 *       the consent's stored digests; {@code changed} = items whose digest differs (or was never known) plus the
 *       consented items J-LIS withheld (the platform cannot tell whether a withheld item changed, so the business
 *       is told it may have and that it is withheld). With something changed, one {@link FourInformationChanged}
 *       SET (values of every disclosed consented item, gender as OIDC spells it, {@code toe} = when the revocation
 *       was seen) is enqueued; nothing otherwise. Then the new digests are stored on the consent (withheld items
 *       keep theirs), the watch moves to the new certificate and the task is done. Enqueue comes first: a crash
 *       before the digests are stored sends the event again (at-least-once), never loses it.</li>
 *   <li>{@code no_new_certificate}, or J-LIS unavailable: asked again after a backoff, until {@code giveUpAfter}
 *       from the revocation; then the consent is no longer followed (logged).</li>
 *   <li>consent not in force at J-LIS, or the consent record no longer in force: the consent ends
 *       ({@link ConsentEnding}).</li>
 *   <li>refused otherwise (not the person's certificate, unknown consent): logged, the task dropped.</li>
 * </ul>
 * A task whose watch no longer follows the revoked certificate (moved, ended) is dropped; one whose consent is
 * still ending resumes the ending. When the business's encryption key cannot be had now (its {@code jwks_uri} is
 * down or publishes no {@code enc} key yet: {@link BusinessKeysUnavailable}) nothing is stored nor moved and the
 * task is retried after the backoff, so the whole provision is done again and the event is not lost. Values are
 * never logged nor stored.
 */
final class Provisioner {
    private static final Logger LOG = LoggerFactory.getLogger(Provisioner.class);
    private static final int CAS_ATTEMPTS = 5;

    private final ProvisionQueue queue;
    private final WatchList watches;
    private final ConsentStore consents;
    private final CaDirectory directory;
    private final FourInformationSource jlis;
    private final ItemDigester digester;
    private final EventDispatch dispatch;
    private final ConsentEnding ending;
    private final ConsentLocks locks;
    private final RetryBackoff backoff;
    private final Duration giveUpAfter;
    private final Clock clock;
    private final int batch;

    Provisioner(ProvisionQueue queue, WatchList watches, ConsentStore consents, CaDirectory directory, FourInformationSource jlis,
                ItemDigester digester, EventDispatch dispatch, ConsentEnding ending, ConsentLocks locks, RetryBackoff backoff,
                Duration giveUpAfter, Clock clock, int batch) {
        this.queue = Objects.requireNonNull(queue, "queue");
        this.watches = Objects.requireNonNull(watches, "watches");
        this.consents = Objects.requireNonNull(consents, "consents");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.jlis = Objects.requireNonNull(jlis, "jlis");
        this.digester = Objects.requireNonNull(digester, "digester");
        this.dispatch = Objects.requireNonNull(dispatch, "dispatch");
        this.ending = Objects.requireNonNull(ending, "ending");
        this.locks = Objects.requireNonNull(locks, "locks");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.giveUpAfter = Objects.requireNonNull(giveUpAfter, "giveUpAfter");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.batch = batch;
    }

    /** The tasks due now, one after another: how many were run. */
    Future<Integer> runOnce() {
        return queue.due(clock.instant(), batch).compose(tasks -> {
            Future<Void> done = Future.succeededFuture();
            for (ProvisionTask task : tasks) {
                done = done.compose(v -> locks.run(task.consentId(), () -> provision(task)).recover(e -> {
                    LOG.warn("provision of consent {} failed: {}", task.consentId(), e.getClass().getSimpleName());
                    return Future.succeededFuture();
                }));
            }
            return done.map(tasks.size());
        });
    }

    private Future<Void> provision(ProvisionTask task) {
        return watches.find(task.consentId()).compose(watch -> {
            if (watch.filter(w -> w.state() == WatchList.State.ENDING).isPresent()) {
                return resumeEnding(task);
            }
            if (watch.filter(w -> w.follows(task.revoked())).isEmpty()) {
                LOG.debug("provision of consent {} dropped: its watch no longer follows {}", task.consentId(), task.revoked());
                return queue.done(task.consentId());
            }
            return consents.find(task.consentId()).compose(found -> {
                if (found.isEmpty()) {
                    return watches.unwatch(task.consentId()).compose(v -> queue.done(task.consentId()));
                }
                ConsentRecord consent = found.get();
                if (!consent.isInForce(clock.instant())) {
                    return end(task, consent);
                }
                if (consent.registration().isEmpty()) {
                    return retry(task, "not yet recorded by J-LIS");
                }
                return directory.jlisCaId(task.revoked().anchorId())
                        .compose(caId -> jlis.latest(consent.registration().get().registryId(), caId, task.revoked().serial()))
                        .transform(ar -> ar.succeeded() ? answered(task, consent, ar.result()) : failed(task, ar.cause()));
            });
        });
    }

    private Future<Void> answered(ProvisionTask task, ConsentRecord consent, ProvisionAnswer answer) {
        LOG.debug("J-LIS answered the provision of consent {}: {}", consent.id(), answer.getClass().getSimpleName());
        if (answer instanceof ProvisionAnswer.Updated updated) {
            return directory.anchorOfJlisCa(updated.caId())
                    .compose(anchor -> updated(task, consent, updated, new CertificateRef(anchor, updated.serial())));
        }
        if (answer instanceof ProvisionAnswer.NotInForce) {
            return end(task, consent);
        }
        return retry(task, "no new certificate yet");
    }

    private Future<Void> updated(ProvisionTask task, ConsentRecord consent, ProvisionAnswer.Updated answer, CertificateRef next) {
        Map<FourInformationItem, String> values = new EnumMap<>(FourInformationItem.class);
        Map<FourInformationItem, String> digests = new EnumMap<>(FourInformationItem.class);
        Set<FourInformationItem> changed = EnumSet.noneOf(FourInformationItem.class);
        Set<FourInformationItem> withheld = EnumSet.noneOf(FourInformationItem.class);
        for (FourInformationItem item : consent.items()) {
            String value = answer.values().get(item);
            if (value != null) {
                String digest = digester.digest(item, value);
                digests.put(item, digest);
                values.put(item, item == FourInformationItem.GENDER ? Gender.fromCode(value).orElseThrow().oidcValue() : value);
                if (!digest.equals(consent.itemDigests().get(item))) {
                    changed.add(item);
                }
            } else if (answer.withheld().contains(item)) {
                withheld.add(item);
                changed.add(item);
                Optional.ofNullable(consent.itemDigests().get(item)).ifPresent(d -> digests.put(item, d));
            }
        }
        LOG.debug("consent {}: changed {}, withheld {}", consent.id(), changed, withheld);
        Future<Void> sent = changed.isEmpty() ? Future.succeededFuture() : send(consent, new FourInformationChanged(consent.id(),
                consent.customerNumber(), changed, values, withheld, task.since()));
        return sent.compose(v -> storeDigests(consent, digests, CAS_ATTEMPTS))
                .compose(v -> watches.move(consent.id(), task.revoked(), next))
                .compose(moved -> queue.done(consent.id()))
                .recover(e -> keysUnavailable(task, e));
    }

    /** Enqueues the event; fails with {@link BusinessKeysUnavailable} (nothing stored, nothing moved) to be retried. */
    private Future<Void> send(ConsentRecord consent, FourInformationChanged event) {
        return dispatch.issue(consent.clientId(), event).compose(set -> set
                .map(s -> dispatch.enqueue(consent.clientId(), consent.id(), s.jti(), s.token()).<Void>mapEmpty())
                .orElseGet(() -> {
                    LOG.error("business {} cannot receive the feed (no encryption key): change of consent {} not sent",
                            consent.clientId(), consent.id());
                    return Future.succeededFuture();
                }));
    }

    /** The consent ends ({@link ConsentEnding}); while the business's key is unavailable the task is retried. */
    private Future<Void> end(ProvisionTask task, ConsentRecord consent) {
        return ending.end(consent.clientId(), consent.id(), consent.customerNumber(), clock.instant()).<Void>mapEmpty()
                .recover(e -> keysUnavailable(task, e));
    }

    /** The task of an ending that could not send its withdrawal yet (rescheduled by {@link #end}): tried again. */
    private Future<Void> resumeEnding(ProvisionTask task) {
        return consents.find(task.consentId()).compose(found -> {
            if (found.isEmpty()) {
                LOG.warn("consent {} is ending but its record is gone: no withdrawal event", task.consentId());
                return queue.done(task.consentId());
            }
            return end(task, found.get());
        });
    }

    private Future<Void> storeDigests(ConsentRecord current, Map<FourInformationItem, String> digests, int attempts) {
        if (current.itemDigests().equals(digests)) {
            return Future.succeededFuture();
        }
        return consents.update(current, current.withItemDigests(digests)).compose(done -> {
            if (done || attempts <= 1) {
                return Future.succeededFuture();
            }
            return consents.find(current.id()).compose(found -> found.isEmpty() ? Future.<Void>succeededFuture()
                    : storeDigests(found.get(), digests, attempts - 1));
        });
    }

    private Future<Void> failed(ProvisionTask task, Throwable cause) {
        if (cause instanceof JlisException j && j.kind() == JlisException.Kind.REFUSED) {
            LOG.error("J-LIS refused the 4 information of consent {}: {} {}; task dropped", task.consentId(), j.status(),
                    j.problemType());
            return queue.done(task.consentId());
        }
        return retry(task, "J-LIS unavailable");
    }

    /** A {@link BusinessKeysUnavailable} is retried after the backoff; any other failure stays one. */
    private Future<Void> keysUnavailable(ProvisionTask task, Throwable failure) {
        if (!(failure instanceof BusinessKeysUnavailable)) {
            return Future.failedFuture(failure);
        }
        LOG.warn("consent {} waits: {}", task.consentId(), failure.getMessage());
        return retry(task, "business keys unavailable");
    }

    /** Again after the backoff, or given up once {@code giveUpAfter} has passed since the revocation was seen. */
    private Future<Void> retry(ProvisionTask task, String why) {
        Instant now = clock.instant();
        if (!now.isBefore(task.since().plus(giveUpAfter))) {
            LOG.warn("gave up on the 4 information of consent {} after {} ({}): it is no longer followed", task.consentId(),
                    giveUpAfter, why);
            return watches.unwatch(task.consentId()).compose(v -> queue.done(task.consentId()));
        }
        ProvisionTask next = task.retried();
        return queue.reschedule(next, now.plus(backoff.delay(next.attempts())));
    }
}
