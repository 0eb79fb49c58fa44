package jp.jpkigate.idp.login;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
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
import jp.jpkigate.idp.authorize.AuthorizationRedirect;
import jp.jpkigate.idp.authorize.CodeGrant;
import jp.jpkigate.idp.authorize.ResolvedAuthorization;
import jp.jpkigate.idp.jpki.JpkiVerificationException;
import jp.jpkigate.idp.jpki.JpkiVerifier;
import jp.jpkigate.idp.jpki.VerificationRequest;
import jp.jpkigate.idp.jpki.VerifiedCertificate;
import jp.jpkigate.idp.oauth.OAuthError;
import jp.jpkigate.idp.par.AuthorizationRequest;
import jp.jpkigate.idp.store.AuthorizationCodeStore;
import jp.jpkigate.idp.store.LoginTransactionStore;
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
 *   <li>{@link #complete}: VERIFIED → CONSUMED and a 60 s single-use code
 *       ({@link AuthorizationCodeStore}), or FAILED / expired → CONSUMED and {@code access_denied};
 *       the answer is the client's redirect URI with {@code iss} (RFC 9207).</li>
 * </ol>
 * A VERIFIED transaction may be continued until {@link #CONTINUE_GRACE} after its expiry, so a
 * signature made in the last seconds is not lost to polling; the store keeps it that long too.
 */
public final class LoginHandler {
    static final int LIFETIME_MINUTES = 5;
    /** The login transaction's lifetime: the signer must post within it. */
    public static final Duration LIFETIME = Duration.ofMinutes(LIFETIME_MINUTES);
    /** How long after expiry a VERIFIED (or FAILED) transaction can still be continued. */
    public static final Duration CONTINUE_GRACE = Duration.ofSeconds(60);
    /** Authorization code lifetime (RFC 6749 §4.1.2 recommends at most 10 minutes). */
    public static final Duration CODE_LIFETIME = Duration.ofSeconds(60);

    private static final Logger LOG = LoggerFactory.getLogger(LoginHandler.class);

    private final String issuer;
    private final LoginTransactionStore transactions;
    private final AuthorizationCodeStore codes;
    private final JpkiVerifier verifier;
    private final Clock clock;
    private final SecureRandom random;

    public LoginHandler(String issuer, LoginTransactionStore transactions, AuthorizationCodeStore codes,
                        JpkiVerifier verifier, Clock clock, SecureRandom random) {
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.codes = Objects.requireNonNull(codes, "codes");
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** A new transaction and the secret for the browser's cookie (only its hash is stored). */
    public record Opened(LoginTransaction transaction, String browserSecret) {
    }

    /** What the signer app needs: the transaction and the exact bytes to sign. */
    public record Challenge(LoginTransaction transaction, byte[] bytesToSign) {
    }

    public Future<Opened> open(ResolvedAuthorization resolved) {
        String secret = LoginTransactionId.generate(random);
        LoginTransaction txn = LoginTransaction.open(LoginTransactionId.generate(random),
                LoginTransactionId.generate(random), browserBinding(secret), resolved.request(),
                resolved.client().clientName().orElse(resolved.client().clientId()), clock.instant(), LIFETIME);
        return transactions.create(txn, LIFETIME.plus(CONTINUE_GRACE).plusSeconds(60))
                .map(v -> new Opened(txn, secret));
    }

    /** The PENDING, unexpired transaction and its bytes to sign. */
    public Future<Challenge> challenge(String id) {
        return pending(id).map(txn -> new Challenge(txn, LoginSigningInput.of(issuer, txn)));
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
                    LoginSigningInput.of(issuer, txn), txn.requirement().expectedType());
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
                    .compose(next -> transactions.compareAndSet(LoginState.PENDING, next)
                            .compose(set -> set ? Future.succeededFuture(next)
                                    : Future.failedFuture(LoginProblem.ALREADY_COMPLETED.toException())));
        });
    }

    /** The transaction for the browser that opened it. */
    public Future<LoginTransaction> status(String id, Optional<String> browserSecret) {
        return bound(id, browserSecret);
    }

    /**
     * Ends the transaction and answers the client: the redirect URI with a fresh code (VERIFIED) or
     * with {@code access_denied} (FAILED or expired). Fails with a {@link LoginException} when there
     * is nothing to answer (unknown, other browser, still pending, already continued).
     */
    public Future<URI> complete(String id, Optional<String> browserSecret) {
        return bound(id, browserSecret).compose(txn -> {
            Instant now = clock.instant();
            AuthorizationRequest request = txn.request();
            boolean pastGrace = !now.isBefore(txn.expiresAt().plus(CONTINUE_GRACE));
            return switch (txn.state()) {
                case CONSUMED -> Future.failedFuture(LoginProblem.ALREADY_COMPLETED.toException());
                case PENDING -> txn.isExpired(now)
                        ? close(txn, txn.consumed(), deny(request, "the login transaction expired before the card signed"))
                        : Future.failedFuture(LoginProblem.NOT_COMPLETED.toException());
                case FAILED -> close(txn, txn.consumed(), deny(request,
                        "JPKI verification failed: " + txn.failure().orElse("unknown")));
                case VERIFIED -> pastGrace
                        ? close(txn, txn.consumed(), deny(request, "the login transaction expired"))
                        : transactions.compareAndSet(LoginState.VERIFIED, txn.consumed()).compose(set -> set
                                ? issueCode(txn, now)
                                : Future.failedFuture(LoginProblem.ALREADY_COMPLETED.toException()));
            };
        });
    }

    private Future<URI> issueCode(LoginTransaction txn, Instant now) {
        AuthorizationRequest request = txn.request();
        SignerIdentity signer = txn.signer().orElseThrow();
        String code = LoginTransactionId.generate(random);
        CodeGrant grant = new CodeGrant(request.clientId(), request.redirectUri(), request.scopes(), request.nonce(),
                request.codeChallenge(), signer.authTime(), signer.acr(), signer.amr(), signer, request.claims(), now)
                .withDpopJkt(request.dpopJkt());
        return codes.put(code, grant, CODE_LIFETIME)
                .map(v -> AuthorizationRedirect.success(request.redirectUri(), code, request.state(), issuer));
    }

    private Future<URI> close(LoginTransaction txn, LoginTransaction consumed, URI answer) {
        return transactions.compareAndSet(txn.state(), consumed).compose(set -> set
                ? Future.succeededFuture(answer)
                : Future.failedFuture(LoginProblem.ALREADY_COMPLETED.toException()));
    }

    private URI deny(AuthorizationRequest request, String description) {
        return AuthorizationRedirect.error(request.redirectUri(), OAuthError.ACCESS_DENIED.withDescription(description),
                request.state(), issuer);
    }

    private Future<LoginTransaction> pending(String id) {
        return find(id).compose(txn -> {
            if (txn.state() != LoginState.PENDING) {
                return Future.failedFuture(LoginProblem.ALREADY_COMPLETED.toException());
            }
            if (txn.isExpired(clock.instant())) {
                return Future.failedFuture(LoginProblem.EXPIRED_TRANSACTION.toException());
            }
            return Future.succeededFuture(txn);
        });
    }

    private Future<LoginTransaction> bound(String id, Optional<String> browserSecret) {
        return find(id).compose(txn -> browserSecret.isPresent()
                && MessageDigest.isEqual(browserBinding(browserSecret.get()).getBytes(StandardCharsets.US_ASCII),
                        txn.browserBinding().getBytes(StandardCharsets.US_ASCII))
                ? Future.succeededFuture(txn)
                : Future.failedFuture(LoginProblem.NOT_THIS_BROWSER.toException()));
    }

    private Future<LoginTransaction> find(String id) {
        if (LoginTransactionId.parse(id).isEmpty()) {
            return Future.failedFuture(LoginProblem.UNKNOWN_TRANSACTION.toException());
        }
        return transactions.get(id).compose(found -> found.isPresent()
                ? Future.succeededFuture(found.get())
                : Future.failedFuture(LoginProblem.UNKNOWN_TRANSACTION.toException()));
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
        return issuer;
    }
}
