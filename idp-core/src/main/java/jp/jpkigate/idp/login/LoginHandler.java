package jp.jpkigate.idp.login;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import jp.jpkigate.idp.approval.Approvals;
import jp.jpkigate.idp.authorize.ResolvedAuthorization;
import jp.jpkigate.idp.jpki.JpkiVerificationException;
import jp.jpkigate.idp.jpki.JpkiVerifier;
import jp.jpkigate.idp.jpki.VerificationRequest;
import jp.jpkigate.idp.jpki.VerifiedCertificate;
import jp.jpkigate.idp.par.AuthorizationRequest;
import jp.jpkigate.idp.store.AuthorizationCodeStore;
import jp.jpkigate.idp.store.LoginTransactionStore;
import jp.jpkigate.idp.subject.PersonKeyResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JPKI login transaction, from {@code /authorize} to the authorization code. No HTTP types:
 * the endpoints parse, call one method, and write what it returns; refusals are
 * {@link LoginException}s.
 * <ol>
 *   <li>{@link #open}: a PENDING transaction (random id and challenge, {@value #LIFETIME_MINUTES}
 *       minutes) bound to the browser by the SHA-256 of a random cookie secret.</li>
 *   <li>{@link #challenge}: what the signer app signs ({@link LoginSigningInput}).</li>
 *   <li>{@link #submit}: the signer's certificate and signature, verified by {@link JpkiVerifier}
 *       against the transaction's required type (any device); PENDING → VERIFIED or FAILED, once.</li>
 *   <li>{@link #status}: for the page's polling (the binding browser only).</li>
 *   <li>{@link #complete}: VERIFIED → the consent step ({@link ConsentStep}): with a remembered
 *       approval CONSUMED and a 60 s single-use code ({@link AuthorizationCodeStore}), else
 *       AWAITING_CONSENT and the consent page; FAILED / expired → CONSUMED and {@code access_denied};
 *       the answer is the client's redirect URI with {@code iss} (RFC 9207).</li>
 * </ol>
 * A VERIFIED transaction may be continued until {@link #CONTINUE_GRACE} after its expiry, so a
 * signature made in the last seconds is not lost to polling, and the person has
 * {@link #CONSENT_GRACE} more to decide on the consent page; the store keeps it that long too.
 *
 * <p>The OP's own account page logs in with the same transactions ({@link #openForAccount},
 * {@link #completeForAccount}); those never yield a code.
 *
 * <p>Single sign-on ({@code session} package): a card login continuing from VERIFIED opens the
 * browser's session ({@link #complete(String, Optional, SessionBinding.Opener)}); a live session
 * stands in for the card with a transaction opened VERIFIED by it ({@link #openFromSession}). Either
 * way the transaction belongs to the session, and its code joins the client to it
 * ({@link SessionBinding}).
 */
public final class LoginHandler {
    static final int LIFETIME_MINUTES = 5;
    /** The login transaction's lifetime: the signer must post within it. */
    public static final Duration LIFETIME = Duration.ofMinutes(LIFETIME_MINUTES);
    /** How long after expiry a VERIFIED (or FAILED) transaction can still be continued. */
    public static final Duration CONTINUE_GRACE = Duration.ofSeconds(60);
    /** How long after the continue grace the person may still decide on the consent page. */
    public static final Duration CONSENT_GRACE = Duration.ofMinutes(5);
    /** Authorization code lifetime (RFC 6749 §4.1.2 recommends at most 10 minutes). */
    public static final Duration CODE_LIFETIME = Duration.ofSeconds(60);
    /** How long the store keeps a transaction: its lifetime, both graces and a minute's margin. */
    static final Duration STORED_FOR = LIFETIME.plus(CONTINUE_GRACE).plus(CONSENT_GRACE).plusSeconds(60);

    private static final Logger LOG = LoggerFactory.getLogger(LoginHandler.class);

    private final LoginTransitions steps;
    private final JpkiVerifier verifier;
    private final ConsentStep consent;
    private final Clock clock;
    private final SecureRandom random;

    public LoginHandler(String issuer, LoginTransactionStore transactions, AuthorizationCodeStore codes,
                        JpkiVerifier verifier, PersonKeyResolver persons, Approvals approvals, Clock clock,
                        SecureRandom random) {
        this(issuer, transactions, codes, verifier, persons, approvals, clock, random, SessionBinding.NONE);
    }

    /** With single sign-on: logins of a session join their client to it when the code is issued. */
    public LoginHandler(String issuer, LoginTransactionStore transactions, AuthorizationCodeStore codes,
                        JpkiVerifier verifier, PersonKeyResolver persons, Approvals approvals, Clock clock,
                        SecureRandom random, SessionBinding sessions) {
        this.steps = new LoginTransitions(Objects.requireNonNull(issuer, "issuer"),
                Objects.requireNonNull(transactions, "transactions"), Objects.requireNonNull(codes, "codes"),
                Objects.requireNonNull(random, "random"), Objects.requireNonNull(sessions, "sessions"));
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = random;
        this.consent = new ConsentStep(steps, persons, approvals, clock);
    }

    /** A new transaction and the secret for the browser's cookie (only its hash is stored). */
    public record Opened(LoginTransaction transaction, String browserSecret) {
    }

    /** What the signer app needs: the transaction and the exact bytes to sign. */
    public record Challenge(LoginTransaction transaction, byte[] bytesToSign) {
    }

    public Future<Opened> open(ResolvedAuthorization resolved) {
        return open(resolved.request(), resolved.client().clientName().orElse(resolved.client().clientId()));
    }

    /** A login for the person's account page (authentication certificate, no client). */
    public Future<Opened> openForAccount() {
        return open(AccountLogin.request(steps.issuer(), random), AccountLogin.CLIENT_NAME);
    }

    /**
     * A login the person's single sign-on session stands in for: VERIFIED at once by the session's
     * {@code signer} (its card signature of {@code signer.authTime()}), belonging to the session
     * {@code handle}; {@link #complete} continues it. Only for requests the authentication certificate
     * answers: the 4 information always need a new signature.
     */
    public Future<Opened> openFromSession(ResolvedAuthorization resolved, SignerIdentity signer, String handle) {
        if (CertificateRequirement.forRequest(resolved.request()) != CertificateRequirement.AUTHENTICATION
                || signer.fourInformation().isPresent()) {
            return Future.failedFuture(new IllegalArgumentException("a session never answers a 4-information request"));
        }
        return open(resolved.request(), resolved.client().clientName().orElse(resolved.client().clientId()),
                txn -> txn.verified(signer).withSession(handle));
    }

    private Future<Opened> open(AuthorizationRequest request, String clientName) {
        return open(request, clientName, txn -> txn);
    }

    private Future<Opened> open(AuthorizationRequest request, String clientName,
                                java.util.function.UnaryOperator<LoginTransaction> start) {
        String secret = LoginTransactionId.generate(random);
        LoginTransaction txn = start.apply(LoginTransaction.open(LoginTransactionId.generate(random),
                LoginTransactionId.generate(random), browserBinding(secret), request, clientName, clock.instant(), LIFETIME));
        return steps.transactions().create(txn, STORED_FOR).map(v -> new Opened(txn, secret));
    }

    /** The PENDING, unexpired transaction and its bytes to sign. */
    public Future<Challenge> challenge(String id) {
        return pending(id).map(txn -> new Challenge(txn, LoginSigningInput.of(steps.issuer(), txn)));
    }

    /**
     * Verifies the signer's certificate and signature over the transaction's bytes and records the
     * outcome once. The future holds the VERIFIED or FAILED transaction, or fails with a
     * {@link LoginException} (unknown / expired → 404, already completed → 409).
     */
    public Future<LoginTransaction> submit(String id, byte[] certificateDer, byte[] signature) {
        Context context = Vertx.currentContext();
        return pending(id).compose(txn -> {
            VerificationRequest request = new VerificationRequest(certificateDer, signature,
                    LoginSigningInput.of(steps.issuer(), txn), txn.requirement().expectedType());
            CompletionStage<VerifiedCertificate> stage = verifier.verify(request);
            Future<VerifiedCertificate> verified = context == null
                    ? Future.fromCompletionStage(stage) : Future.fromCompletionStage(stage, context);
            return verified
                    .map(certificate -> txn.verified(SignerIdentity.of(certificate, txn.requirement())))
                    .recover(failure -> {
                        Optional<JpkiVerificationException> jpki = JpkiVerificationException.unwrap(failure);
                        if (jpki.isEmpty()) {
                            return Future.failedFuture(failure);
                        }
                        LOG.info("login refused for client {}: {}", txn.request().clientId(), jpki.get().error().code());
                        return Future.succeededFuture(txn.failed(jpki.get().error().code()));
                    })
                    .compose(next -> steps.move(txn, next).map(v -> next));
        });
    }

    /** The transaction for the browser that opened it. */
    public Future<LoginTransaction> status(String id, Optional<String> browserSecret) {
        return steps.bound(id, browserSecret);
    }

    /**
     * Continues the login after the card: to the client with a fresh code (VERIFIED and approved),
     * to the consent page (VERIFIED, consent needed, or AWAITING_CONSENT), or to the client with an
     * error (FAILED, expired, {@code prompt=none} without approval). Fails with a
     * {@link LoginException} when there is nothing to answer (unknown, other browser, still pending,
     * already continued, an account login).
     */
    public Future<LoginContinuation> complete(String id, Optional<String> browserSecret) {
        return complete(id, browserSecret, SessionBinding.Opener.NONE);
    }

    /**
     * {@link #complete(String, Optional)}, opening the browser's single sign-on session with
     * {@code sessions} when a card login continues from VERIFIED (before the consent step, so the
     * code joins the client to it). A login that came from a session already belongs to it.
     */
    public Future<LoginContinuation> complete(String id, Optional<String> browserSecret, SessionBinding.Opener sessions) {
        return steps.bound(id, browserSecret).compose(txn -> {
            if (AccountLogin.isAccountLogin(txn)) {
                return Future.failedFuture(LoginProblem.UNKNOWN_TRANSACTION.toException());
            }
            Instant now = clock.instant();
            AuthorizationRequest request = txn.request();
            return switch (txn.state()) {
                case CONSUMED -> Future.failedFuture(LoginProblem.ALREADY_COMPLETED.toException());
                case PENDING -> txn.isExpired(now)
                        ? toClient(steps.close(txn, steps.deny(request, "the login transaction expired before the card signed")))
                        : Future.failedFuture(LoginProblem.NOT_COMPLETED.toException());
                case FAILED -> toClient(steps.close(txn, steps.deny(request,
                        "JPKI verification failed: " + txn.failure().orElse("unknown"))));
                case VERIFIED -> pastGrace(txn, now)
                        ? toClient(steps.close(txn, steps.deny(request, "the login transaction expired")))
                        : inSession(txn, sessions).compose(joined -> consent.afterVerification(joined, now));
                case AWAITING_CONSENT -> consent.resume(txn, now);
            };
        });
    }

    /**
     * Ends an account login: VERIFIED → CONSUMED and who signed. Fails with a {@link LoginException}
     * otherwise (not an account login, other browser, pending, failed, expired, already used).
     */
    public Future<SignerIdentity> completeForAccount(String id, Optional<String> browserSecret) {
        return steps.bound(id, browserSecret).compose(txn -> {
            if (!AccountLogin.isAccountLogin(txn)) {
                return Future.failedFuture(LoginProblem.UNKNOWN_TRANSACTION.toException());
            }
            Instant now = clock.instant();
            return switch (txn.state()) {
                case PENDING -> txn.isExpired(now)
                        ? steps.move(txn, txn.consumed()).compose(v -> refused(LoginProblem.EXPIRED_TRANSACTION))
                        : refused(LoginProblem.NOT_COMPLETED);
                case FAILED -> steps.move(txn, txn.consumed()).compose(v -> refused(LoginProblem.ACCOUNT_LOGIN_FAILED));
                case VERIFIED -> pastGrace(txn, now)
                        ? steps.move(txn, txn.consumed()).compose(v -> refused(LoginProblem.EXPIRED_TRANSACTION))
                        : steps.move(txn, txn.consumed()).map(v -> txn.signer().orElseThrow());
                case AWAITING_CONSENT, CONSUMED -> refused(LoginProblem.ALREADY_COMPLETED);
            };
        });
    }

    /** The consent step: its page and the person's decision. */
    public ConsentStep consent() {
        return consent;
    }

    /** The transaction with the session the card's signature opened, unless it already has one. */
    private static Future<LoginTransaction> inSession(LoginTransaction txn, SessionBinding.Opener sessions) {
        if (txn.session().isPresent()) {
            return Future.succeededFuture(txn);
        }
        return sessions.open(txn.signer().orElseThrow().withoutFourInformation())
                .map(handle -> handle.map(txn::withSession).orElse(txn));
    }

    private static boolean pastGrace(LoginTransaction txn, Instant now) {
        return !now.isBefore(txn.expiresAt().plus(CONTINUE_GRACE));
    }

    private static Future<LoginContinuation> toClient(Future<java.net.URI> answer) {
        return answer.map(LoginContinuation.ToClient::new);
    }

    private static <T> Future<T> refused(LoginProblem problem) {
        return Future.failedFuture(problem.toException());
    }

    private Future<LoginTransaction> pending(String id) {
        return steps.find(id).compose(txn -> {
            if (txn.state() != LoginState.PENDING) {
                return refused(LoginProblem.ALREADY_COMPLETED);
            }
            if (txn.isExpired(clock.instant())) {
                return refused(LoginProblem.EXPIRED_TRANSACTION);
            }
            return Future.succeededFuture(txn);
        });
    }

    /** SHA-256 of the browser's cookie secret, base64url. */
    static String browserBinding(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public String issuer() {
        return steps.issuer();
    }
}
