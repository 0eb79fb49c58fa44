package jp.jpkigate.consent.signing;

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
import jp.jpkigate.idp.jpki.ExpectedType;
import jp.jpkigate.idp.jpki.JpkiCertificateType;
import jp.jpkigate.idp.jpki.JpkiVerificationException;
import jp.jpkigate.idp.jpki.JpkiVerifier;
import jp.jpkigate.idp.jpki.VerificationRequest;
import jp.jpkigate.idp.jpki.VerifiedCertificate;
import jp.jpkigate.idp.login.LoginTransactionId;

/**
 * Signing a document with the card's signature certificate, the way a login signs its transaction,
 * with no HTTP types:
 * <ol>
 *   <li>{@link #open}: a PENDING transaction (random id, {@link #LIFETIME}) whose statement names its id,
 *       bound to the browser by the SHA-256 of a secret only that browser holds.</li>
 *   <li>{@link #challenge}: what the signer app signs (the statement itself).</li>
 *   <li>{@link #submit}: the certificate and signature, verified by {@link JpkiVerifier} as a signature
 *       certificate of a card or phone (chain, profile, validity, signature, not revoked); PENDING →
 *       VERIFIED or FAILED, once. The 4 information the verifier reads are never kept; the certificate
 *       is, until J-LIS has it (it checks consents and withdrawals itself), then the record drops it.</li>
 *   <li>{@link #status}: for the page's polling (the binding browser only).</li>
 *   <li>{@link #claim}: the page's continue takes the outcome once: VERIFIED → CONSUMED.</li>
 * </ol>
 */
public final class DocumentSigning {
    /** The signer must post within this. */
    public static final Duration LIFETIME = Duration.ofMinutes(5);
    /** How long after expiry a VERIFIED transaction can still be continued (a signature in the last seconds). */
    public static final Duration CONTINUE_GRACE = Duration.ofSeconds(60);
    /** How long the store keeps a transaction: lifetime, grace and a minute's margin. */
    public static final Duration STORED_FOR = LIFETIME.plus(CONTINUE_GRACE).plusSeconds(60);
    /** Consent and withdrawal need the signature certificate, of a card or a phone. */
    public static final ExpectedType EXPECTED = ExpectedType.anyDevice(JpkiCertificateType.Purpose.SIGNATURE);

    private final String issuer;
    private final SigningTransactionStore transactions;
    private final JpkiVerifier verifier;
    private final ConsentAudit audit;
    private final Clock clock;
    private final SecureRandom random;

    public DocumentSigning(String issuer, SigningTransactionStore transactions, JpkiVerifier verifier, ConsentAudit audit,
                           Clock clock, SecureRandom random) {
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** The statement of a document, built once its transaction's id and time are known. */
    @FunctionalInterface
    public interface Document {
        byte[] statement(String transactionId, Instant now);
    }

    /** What a transaction is about: its purpose, subject and business. */
    public record About(DocumentPurpose purpose, String subject, String clientId, String clientName) {
        public About {
            Objects.requireNonNull(purpose, "purpose");
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(clientName, "clientName");
        }
    }

    /** The outcome {@link #claim} took: {@code fresh} when this call moved it to CONSUMED, false for a repeat. */
    public record Claimed(SigningTransaction transaction, boolean fresh) {
    }

    public String issuer() {
        return issuer;
    }

    /** The signer app's URL of a transaction (and the QR code's content). */
    public String signerUrl(String transactionId) {
        return issuer + "/consent/sign/" + transactionId;
    }

    public Future<SigningTransaction> open(About about, Document document, String browserSecret) {
        String id = LoginTransactionId.generate(random);
        Instant now = clock.instant();
        SigningTransaction txn = SigningTransaction.open(id, about.purpose(), about.subject(), about.clientId(),
                about.clientName(), document.statement(id, now), binding(browserSecret), now, LIFETIME);
        return transactions.create(txn, STORED_FOR).map(v -> txn);
    }

    /** The PENDING, unexpired transaction (its statement is what the card signs). */
    public Future<SigningTransaction> challenge(String id) {
        return find(id).compose(txn -> {
            if (txn.state() != SigningState.PENDING) {
                return refused(ConsentProblem.ALREADY_COMPLETED);
            }
            return txn.isExpired(clock.instant()) ? refused(ConsentProblem.EXPIRED_TRANSACTION) : Future.succeededFuture(txn);
        });
    }

    /**
     * Verifies the signer's certificate and signature over the statement and records the outcome once:
     * the VERIFIED or FAILED transaction, or a {@link ConsentException} (unknown, expired, already done).
     */
    public Future<SigningTransaction> submit(String id, byte[] certificateDer, byte[] signature) {
        Context context = Vertx.currentContext();
        return challenge(id).compose(txn -> {
            CompletionStage<VerifiedCertificate> stage = verifier.verify(
                    new VerificationRequest(certificateDer, signature, txn.statement(), EXPECTED));
            Future<VerifiedCertificate> verified = context == null
                    ? Future.fromCompletionStage(stage) : Future.fromCompletionStage(stage, context);
            return verified
                    .map(v -> txn.verified(SignedBy.of(v, signature, certificateDer)))
                    .recover(failure -> {
                        Optional<JpkiVerificationException> jpki = JpkiVerificationException.unwrap(failure);
                        if (jpki.isEmpty()) {
                            return Future.failedFuture(failure);
                        }
                        return Future.succeededFuture(txn.failed(jpki.get().error().code()));
                    })
                    .compose(next -> move(txn, next).map(v -> next))
                    .compose(next -> next.state() != SigningState.FAILED ? Future.succeededFuture(next)
                            : audit.refused(txn.purpose().wireName(), txn.subject(), txn.clientId(), next.failure().orElseThrow())
                                    .map(v -> next));
        });
    }

    /** The transaction, for the browser that opened it. */
    public Future<SigningTransaction> status(String id, Optional<String> browserSecret) {
        return find(id).compose(txn -> browserSecret.isPresent()
                && MessageDigest.isEqual(binding(browserSecret.get()).getBytes(StandardCharsets.US_ASCII),
                        txn.browserBinding().getBytes(StandardCharsets.US_ASCII))
                ? Future.succeededFuture(txn)
                : refused(ConsentProblem.NOT_THIS_BROWSER));
    }

    /**
     * Takes the outcome of this browser's {@code purpose} transaction: VERIFIED (within the grace) →
     * CONSUMED, {@code fresh}; an already CONSUMED signed one again, not fresh (a reloaded page). Fails
     * with a {@link ConsentException}: still pending, failed (the JPKI error; now CONSUMED), expired
     * (now CONSUMED), another purpose's, another browser's, unknown.
     */
    public Future<Claimed> claim(String id, Optional<String> browserSecret, DocumentPurpose purpose) {
        return status(id, browserSecret).compose(txn -> {
            if (txn.purpose() != purpose) {
                return refused(ConsentProblem.UNKNOWN_TRANSACTION);
            }
            Instant now = clock.instant();
            return switch (txn.state()) {
                case PENDING -> txn.isExpired(now)
                        ? move(txn, txn.consumed()).compose(v -> refused(ConsentProblem.EXPIRED_TRANSACTION))
                        : refused(ConsentProblem.NOT_COMPLETED);
                case FAILED -> move(txn, txn.consumed())
                        .compose(v -> Future.failedFuture(ConsentException.signatureRefused(txn.failure().orElseThrow())));
                case VERIFIED -> !now.isBefore(txn.expiresAt().plus(CONTINUE_GRACE))
                        ? move(txn, txn.consumed()).compose(v -> refused(ConsentProblem.EXPIRED_TRANSACTION))
                        : move(txn, txn.consumed()).map(v -> new Claimed(txn.consumed(), true));
                case CONSUMED -> txn.signer().isPresent()
                        ? Future.succeededFuture(new Claimed(txn, false))
                        : refused(ConsentProblem.ALREADY_COMPLETED);
            };
        });
    }

    private Future<Void> move(SigningTransaction txn, SigningTransaction next) {
        return transactions.compareAndSet(txn.state(), next).compose(set -> set
                ? Future.<Void>succeededFuture()
                : Future.failedFuture(ConsentProblem.ALREADY_COMPLETED.toException()));
    }

    private Future<SigningTransaction> find(String id) {
        if (LoginTransactionId.parse(id).isEmpty()) {
            return refused(ConsentProblem.UNKNOWN_TRANSACTION);
        }
        return transactions.find(id).compose(found -> found.isPresent()
                ? Future.succeededFuture(found.get())
                : refused(ConsentProblem.UNKNOWN_TRANSACTION));
    }

    private static <T> Future<T> refused(ConsentProblem problem) {
        return Future.failedFuture(problem.toException());
    }

    /** SHA-256 of a browser's secret, base64url: all a transaction keeps of it. */
    public static String binding(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
