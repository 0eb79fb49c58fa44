package jp.jpkigate.idp.account;

import io.vertx.core.Future;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.idp.approval.Approval;
import jp.jpkigate.idp.approval.ApprovalOptions;
import jp.jpkigate.idp.approval.Approvals;
import jp.jpkigate.idp.client.ClientRegistry;
import jp.jpkigate.idp.client.RegisteredClient;
import jp.jpkigate.idp.login.CsrfTokens;
import jp.jpkigate.idp.login.LoginHandler;
import jp.jpkigate.idp.login.LoginProblem;
import jp.jpkigate.idp.login.LoginTransactionId;
import jp.jpkigate.idp.store.AccountSessionStore;
import jp.jpkigate.idp.store.ApprovalWithdrawalStore;
import jp.jpkigate.idp.subject.PairwiseSubjects;
import jp.jpkigate.idp.subject.PersonKeyResolver;
import jp.jpkigate.idp.token.TokenOptions;

/**
 * The person's account page: the approvals they gave, each revocable. No HTTP types.
 * <ol>
 *   <li>{@link #openLogin}: an authentication-certificate login of the OP itself (the login
 *       transaction machinery: QR page, same-device link, signer API).</li>
 *   <li>{@link #signIn}: once the card has signed, a short account session (random 256-bit id for
 *       an HttpOnly cookie, only its hash stored, {@link ApprovalOptions#accountSessionLifetime()})
 *       bound to the person's renewal-stable key.</li>
 *   <li>{@link #view}: the person's unexpired approvals with the clients' names, and the token of
 *       the revoke forms ({@link CsrfTokens}, keyed by the session id).</li>
 *   <li>{@link #revoke}: deletes the approval at once (the next login to that client asks again)
 *       and records the withdrawal by client and pairwise subject, so the refresh tokens the client
 *       holds for the person stop working ({@link ApprovalWithdrawalStore}).</li>
 * </ol>
 */
public final class AccountHandler {
    private final LoginHandler login;
    private final AccountSessionStore sessions;
    private final Approvals approvals;
    private final PersonKeyResolver persons;
    private final ClientRegistry clients;
    private final PairwiseSubjects subjects;
    private final ApprovalWithdrawalStore revocations;
    private final Duration sessionLifetime;
    private final Clock clock;
    private final SecureRandom random;

    public AccountHandler(LoginHandler login, AccountSessionStore sessions, Approvals approvals, PersonKeyResolver persons,
                          ClientRegistry clients, PairwiseSubjects subjects, ApprovalWithdrawalStore revocations,
                          ApprovalOptions options, Clock clock, SecureRandom random) {
        this.login = Objects.requireNonNull(login, "login");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.approvals = Objects.requireNonNull(approvals, "approvals");
        this.persons = Objects.requireNonNull(persons, "persons");
        this.clients = Objects.requireNonNull(clients, "clients");
        this.subjects = Objects.requireNonNull(subjects, "subjects");
        this.revocations = Objects.requireNonNull(revocations, "revocations");
        this.sessionLifetime = options.accountSessionLifetime();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** A new session: the id for the cookie and how long it lasts. */
    public record SignedIn(String sessionId, Duration lifetime) {
        @Override
        public String toString() {
            return "SignedIn[" + lifetime + "]";
        }
    }

    /** One line of the page: the approval and its client's display name. */
    public record Entry(Approval approval, String clientName) {
    }

    /** The page: the approvals, the revoke forms' token, when the session ends. */
    public record View(List<Entry> entries, String csrf, Instant sessionExpiresAt) {
    }

    public Future<LoginHandler.Opened> openLogin() {
        return login.openForAccount();
    }

    /** Ends the account login of this browser and opens a session for the person who signed. */
    public Future<SignedIn> signIn(String transactionId, Optional<String> browserSecret) {
        return login.completeForAccount(transactionId, browserSecret)
                .compose(signer -> persons.personKey(signer.issuerAnchorId(), signer.serial()))
                .compose(person -> {
                    Instant now = clock.instant();
                    String id = LoginTransactionId.generate(random);
                    return sessions.create(id, new AccountSession(person, now, now.plus(sessionLifetime)), sessionLifetime)
                            .map(v -> new SignedIn(id, sessionLifetime));
                });
    }

    /** The page for a live session; empty without one (the caller starts a login). */
    public Future<Optional<View>> view(Optional<String> sessionId) {
        return session(sessionId).compose(found -> {
            if (found.isEmpty()) {
                return Future.succeededFuture(Optional.empty());
            }
            AccountSession session = found.get();
            return approvals.list(session.personKey()).map(list -> Optional.of(new View(
                    list.stream().map(a -> new Entry(a, clients.find(a.clientId())
                            .flatMap(RegisteredClient::clientName).orElse(a.clientId()))).toList(),
                    CsrfTokens.derive(sessionId.orElseThrow(), CsrfTokens.ACCOUNT, "revoke"), session.expiresAt())));
        });
    }

    /**
     * Withdraws the person's approval for {@code form.clientId()}. Fails with a {@code LoginException}
     * without a live session ({@link LoginProblem#ACCOUNT_SESSION_EXPIRED}) or with a wrong token
     * ({@link LoginProblem#CSRF_MISMATCH}). Revoking what is not there succeeds (the page is stale).
     */
    public Future<Void> revoke(Optional<String> sessionId, RevokeForm form) {
        return session(sessionId).compose(found -> {
            if (found.isEmpty()) {
                return Future.failedFuture(LoginProblem.ACCOUNT_SESSION_EXPIRED.toException());
            }
            if (!CsrfTokens.matches(CsrfTokens.derive(sessionId.orElseThrow(), CsrfTokens.ACCOUNT, "revoke"), form.csrf())) {
                return Future.failedFuture(LoginProblem.CSRF_MISMATCH.toException());
            }
            String person = found.get().personKey();
            Instant now = clock.instant();
            return approvals.revoke(person, form.clientId()).compose(v -> {
                Optional<RegisteredClient> client = clients.find(form.clientId());
                if (client.isEmpty()) {
                    return Future.succeededFuture();
                }
                return revocations.record(client.get().clientId(), subjects.subject(client.get().sector(), person), now,
                        TokenOptions.MAX_REFRESH_TOKEN_LIFETIME);
            });
        });
    }

    private Future<Optional<AccountSession>> session(Optional<String> sessionId) {
        if (sessionId.isEmpty() || LoginTransactionId.parse(sessionId.get()).isEmpty()) {
            return Future.succeededFuture(Optional.empty());
        }
        Instant now = clock.instant();
        return sessions.find(sessionId.get()).map(found -> found.filter(s -> !s.isExpired(now)));
    }
}
