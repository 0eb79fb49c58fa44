package jp.jpkigate.consent.signing;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * A document signing transaction: like a login transaction, but what the card signs is a whole
 * statement ({@code ConsentStatement}) that names this transaction's id, so no separate challenge is
 * needed and a signature counts once.
 *
 * @param id             43 base64url characters (256 random bits), in the signer URL
 * @param purpose        a consent or a withdrawal
 * @param subject        what the document is about: the invitation id (consent) or the consent id (withdrawal)
 * @param clientId       the business
 * @param clientName     the business's name, as the signer app shows it
 * @param statement      the exact bytes to sign
 * @param browserBinding SHA-256 (base64url) of the secret of the browser that opened it (its cookie, or its
 *                       account session id): only that browser polls and continues
 * @param signer         who signed, once VERIFIED (kept when CONSUMED)
 * @param failure        the JPKI error code, once FAILED
 */
public record SigningTransaction(String id, DocumentPurpose purpose, String subject, String clientId, String clientName,
                                 byte[] statement, String browserBinding, Instant createdAt, Instant expiresAt,
                                 SigningState state, Optional<SignedBy> signer, Optional<String> failure) {
    public SigningTransaction {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientName, "clientName");
        statement = Objects.requireNonNull(statement, "statement").clone();
        Objects.requireNonNull(browserBinding, "browserBinding");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(failure, "failure");
        if (state == SigningState.VERIFIED && signer.isEmpty() || state == SigningState.FAILED && failure.isEmpty()) {
            throw new IllegalArgumentException("a " + state + " signing transaction needs its outcome");
        }
    }

    /** A new PENDING transaction. */
    public static SigningTransaction open(String id, DocumentPurpose purpose, String subject, String clientId, String clientName,
                                          byte[] statement, String browserBinding, Instant now, Duration lifetime) {
        return new SigningTransaction(id, purpose, subject, clientId, clientName, statement, browserBinding, now,
                now.plus(lifetime), SigningState.PENDING, Optional.empty(), Optional.empty());
    }

    @Override
    public byte[] statement() {
        return statement.clone();
    }

    /** True from {@code expiresAt} on. */
    public boolean isExpired(Instant now) {
        return !now.isBefore(expiresAt);
    }

    public SigningTransaction verified(SignedBy by) {
        return move(SigningState.VERIFIED, Optional.of(by), Optional.empty());
    }

    public SigningTransaction failed(String jpkiErrorCode) {
        return move(SigningState.FAILED, Optional.empty(), Optional.of(jpkiErrorCode));
    }

    /** CONSUMED, keeping the outcome (the certificate too: the record holds it until J-LIS has it). */
    public SigningTransaction consumed() {
        return move(SigningState.CONSUMED, signer, failure);
    }

    private SigningTransaction move(SigningState next, Optional<SignedBy> newSigner, Optional<String> newFailure) {
        if (!state.canMoveTo(next)) {
            throw new IllegalStateException("a signing transaction cannot move from " + state + " to " + next);
        }
        return new SigningTransaction(id, purpose, subject, clientId, clientName, statement, browserBinding, createdAt,
                expiresAt, next, newSigner, newFailure);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SigningTransaction t && id.equals(t.id) && purpose == t.purpose && subject.equals(t.subject)
                && clientId.equals(t.clientId) && clientName.equals(t.clientName) && Arrays.equals(statement, t.statement)
                && browserBinding.equals(t.browserBinding) && createdAt.equals(t.createdAt) && expiresAt.equals(t.expiresAt)
                && state == t.state && signer.equals(t.signer) && failure.equals(t.failure);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, state);
    }

    @Override
    public String toString() {
        return "SigningTransaction[" + purpose + ", " + state + ", client " + clientId + "]";
    }
}
