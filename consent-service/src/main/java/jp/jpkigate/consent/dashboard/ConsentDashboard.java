package jp.jpkigate.consent.dashboard;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.consent.page.ConsentFlow;
import jp.jpkigate.consent.page.ConsentServices;
import jp.jpkigate.consent.record.BusinessStatus;
import jp.jpkigate.consent.record.ConsentEvidence;
import jp.jpkigate.consent.record.ConsentRecord;
import jp.jpkigate.consent.record.Withdrawal;
import jp.jpkigate.consent.signing.ConsentAudit;
import jp.jpkigate.consent.signing.ConsentProblem;
import jp.jpkigate.consent.signing.DocumentPurpose;
import jp.jpkigate.consent.signing.DocumentSigning;
import jp.jpkigate.consent.signing.SignedBy;
import jp.jpkigate.consent.signing.SigningTransaction;
import jp.jpkigate.consent.statement.ConsentStatement;
import jp.jpkigate.consent.store.ConsentChangeLog;
import jp.jpkigate.consent.store.ConsentStore;
import jp.jpkigate.idp.account.AccountSession;
import jp.jpkigate.idp.login.CsrfTokens;
import jp.jpkigate.idp.login.LoginProblem;
import jp.jpkigate.idp.login.LoginTransactionId;
import jp.jpkigate.idp.store.AccountSessionStore;

/**
 * The person's consents, after an authentication-certificate login of the OP's account area (its
 * session, by the {@code /account} cookie), with no HTTP types:
 * <ol>
 *   <li>{@link #view}: the consents indexed for the session's person, with their businesses' names and
 *       the withdraw forms' tokens ({@link CsrfTokens}, keyed by the session id, bound to the consent).</li>
 *   <li>{@link #openWithdrawal}: a WITHDRAWAL signing transaction for one of them (in force, the
 *       person's), bound to the account session.</li>
 *   <li>{@link #finishWithdrawal}: once the card has signed, the signer must be the session's person
 *       (the same renewal-stable key); the consent is WITHDRAWN at once (compare-and-set) with the
 *       signed withdrawal as evidence, the business's change log learns it, then J-LIS.</li>
 * </ol>
 */
public final class ConsentDashboard {
    /** The withdraw forms' anti-CSRF purpose. */
    static final String WITHDRAW_CSRF = "jpkigate-consent-withdraw-v1";

    private final AccountSessionStore sessions;
    private final ConsentFlow flow;
    private final ConsentServices services;
    private final ConsentStore consents;
    private final ConsentChangeLog changes;
    private final DocumentSigning signing;
    private final ConsentAudit audit;
    private final Clock clock;

    /** The person's consents of the account {@code sessions}, recorded with {@code flow}'s services. */
    public ConsentDashboard(AccountSessionStore sessions, ConsentFlow flow) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.flow = Objects.requireNonNull(flow, "flow");
        this.services = flow.services();
        this.consents = services.consents();
        this.changes = services.changes();
        this.signing = services.signing();
        this.audit = services.audit();
        this.clock = services.clock();
    }

    /** One line: the consent, its business's name, its withdraw form's token. */
    public record Entry(ConsentRecord consent, String businessName, String csrf) {
    }

    public record View(List<Entry> entries, Instant sessionExpiresAt) {
    }

    /** A finished withdrawal: the consent as it stands now and its business's name. */
    public record Withdrawn(ConsentRecord consent, String businessName) {
    }

    /** The page for a live session; empty without one (the caller starts an account login). */
    public Future<Optional<View>> view(Optional<String> sessionId) {
        return session(sessionId).compose(found -> {
            if (found.isEmpty()) {
                return Future.succeededFuture(Optional.empty());
            }
            return consents.consentsOfPerson(found.get().personKey()).compose(byClient -> {
                List<Future<Optional<ConsentRecord>>> reads = byClient.values().stream().map(consents::find).toList();
                return Future.all(reads).map(done -> {
                    List<Entry> entries = new ArrayList<>();
                    for (Future<Optional<ConsentRecord>> read : reads) {
                        read.result().ifPresent(c -> entries.add(new Entry(c, flow.businessName(c.clientId()),
                                CsrfTokens.derive(sessionId.orElseThrow(), WITHDRAW_CSRF, c.id()))));
                    }
                    entries.sort(Comparator.comparing(Entry::businessName).thenComparing(e -> e.consent().id()));
                    return Optional.of(new View(entries, found.get().expiresAt()));
                });
            });
        });
    }

    /** A withdrawal signing transaction of the session's person for their consent {@code consentId}. */
    public Future<SigningTransaction> openWithdrawal(Optional<String> sessionId, String consentId, String csrf) {
        return live(sessionId).compose(session -> {
            if (!CsrfTokens.matches(CsrfTokens.derive(sessionId.orElseThrow(), WITHDRAW_CSRF, consentId), csrf)) {
                return Future.failedFuture(ConsentProblem.CSRF_MISMATCH.toException());
            }
            return consents.find(consentId).compose(found -> {
                if (found.isEmpty() || !found.get().personKey().equals(session.personKey())) {
                    return Future.failedFuture(ConsentProblem.UNKNOWN_CONSENT.toException());
                }
                ConsentRecord consent = found.get();
                if (consent.state().isFinal()) {
                    return Future.failedFuture(ConsentProblem.ALREADY_WITHDRAWN.toException());
                }
                String name = flow.businessName(consent.clientId());
                ConsentStatement.Business business = new ConsentStatement.Business(consent.clientId(), name);
                return signing.open(new DocumentSigning.About(DocumentPurpose.WITHDRAWAL, consent.id(), consent.clientId(), name),
                        (txn, now) -> ConsentStatement.withdrawal(services.issuer(), business, consent, now, txn), sessionId.orElseThrow());
            });
        });
    }

    /**
     * The withdrawal page's continue: the card that signed must be the session person's; then the consent
     * is withdrawn (or, on a reload, shown again). Another person's card is refused (and audited).
     */
    public Future<Withdrawn> finishWithdrawal(String transactionId, Optional<String> sessionId) {
        return signing.claim(transactionId, sessionId, DocumentPurpose.WITHDRAWAL).compose(claimed -> live(sessionId)
                .compose(session -> {
                    SigningTransaction txn = claimed.transaction();
                    SignedBy by = txn.signer().orElseThrow();
                    return services.persons().personKey(by.issuerAnchorId(), by.serial()).compose(person -> {
                        if (!person.equals(session.personKey())) {
                            return audit.refused("withdrawal", txn.subject(), txn.clientId(), ConsentProblem.NOT_THE_SAME_PERSON.code())
                                    .compose(v -> Future.failedFuture(ConsentProblem.NOT_THE_SAME_PERSON.toException()));
                        }
                        return claimed.fresh() ? withdraw(txn, by, 3) : shownAgain(txn);
                    });
                }));
    }

    private Future<Withdrawn> withdraw(SigningTransaction txn, SignedBy by, int attempts) {
        return consents.find(txn.subject()).compose(found -> {
            if (found.isEmpty()) {
                return Future.failedFuture(ConsentProblem.UNKNOWN_CONSENT.toException());
            }
            ConsentRecord consent = found.get();
            if (consent.state().isFinal()) {
                return Future.failedFuture(ConsentProblem.ALREADY_WITHDRAWN.toException());
            }
            Instant now = clock.instant();
            ConsentEvidence evidence = by.evidence(txn.statement());
            ConsentRecord withdrawn = consent.withdrawn(new Withdrawal(now, Withdrawal.Source.DASHBOARD, Optional.of(evidence), false));
            return consents.update(consent, withdrawn).compose(updated -> {
                if (!updated) {
                    return attempts > 1 ? withdraw(txn, by, attempts - 1)
                            : Future.failedFuture(new IllegalStateException("the consent kept changing"));
                }
                return changes.append(consent.clientId(), new ConsentChangeLog.Change(consent.id(), consent.customerNumber(),
                                BusinessStatus.WITHDRAWN, now, Optional.of("withdrawn")))
                        .compose(cursor -> audit.withdrawn(withdrawn))
                        .compose(v -> services.registration().reportWithdrawal(withdrawn))
                        .map(after -> new Withdrawn(after, txn.clientName()));
            });
        });
    }

    /** A reloaded continue: the withdrawal this transaction made. */
    private Future<Withdrawn> shownAgain(SigningTransaction txn) {
        return consents.find(txn.subject()).compose(found -> found.isPresent() && found.get().withdrawal()
                .flatMap(Withdrawal::evidence).filter(e -> Arrays.equals(e.statement(), txn.statement())).isPresent()
                ? Future.succeededFuture(new Withdrawn(found.get(), txn.clientName()))
                : Future.failedFuture(ConsentProblem.ALREADY_COMPLETED.toException()));
    }

    private Future<AccountSession> live(Optional<String> sessionId) {
        return session(sessionId).compose(found -> found.isPresent()
                ? Future.succeededFuture(found.get())
                : Future.failedFuture(LoginProblem.ACCOUNT_SESSION_EXPIRED.toException()));
    }

    private Future<Optional<AccountSession>> session(Optional<String> sessionId) {
        if (sessionId.isEmpty() || LoginTransactionId.parse(sessionId.get()).isEmpty()) {
            return Future.succeededFuture(Optional.empty());
        }
        Instant now = clock.instant();
        return sessions.find(sessionId.get()).map(found -> found.filter(s -> !s.isExpired(now)));
    }
}
