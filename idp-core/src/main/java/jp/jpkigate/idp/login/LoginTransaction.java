package jp.jpkigate.idp.login;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.idp.par.AuthorizationRequest;

/**
 * One login in progress: the validated authorization request it will answer, the random challenge
 * the card signs (inside {@link LoginSigningInput}), the browser it belongs to, and where it stands
 * ({@link LoginState}). Immutable; a state change is a copy stored by compare-and-set.
 *
 * @param id              random, 256 bits ({@link LoginTransactionId})
 * @param challenge       random, 256 bits, base64url
 * @param browserBinding  SHA-256 (base64url) of the secret in the browser's login cookie: only that
 *                        browser may poll the status and continue to the client
 * @param request         the authorization request
 * @param clientName      the client's display name for the signer and the page
 * @param requirement     which certificate must sign
 * @param createdAt       when {@code /authorize} opened it
 * @param expiresAt       after this instant nothing more happens to it (5 minutes)
 * @param state           where it stands
 * @param signer          present once VERIFIED (and after; the 4 information are dropped on CONSUMED)
 *                        and while AWAITING_CONSENT
 * @param failure         the JPKI error code once FAILED, e.g. {@code certificate_revoked}
 * @param session         the handle of the single sign-on session the login belongs to (opened by the
 *                        card's signature, or the one that stood in for the card); the code joins the
 *                        client to it ({@link SessionBinding})
 */
public record LoginTransaction(String id, String challenge, String browserBinding, AuthorizationRequest request,
                               String clientName, CertificateRequirement requirement, Instant createdAt,
                               Instant expiresAt, LoginState state, Optional<SignerIdentity> signer,
                               Optional<String> failure, Optional<String> session) {
    public LoginTransaction {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(challenge, "challenge");
        Objects.requireNonNull(browserBinding, "browserBinding");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(clientName, "clientName");
        Objects.requireNonNull(requirement, "requirement");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(session, "session");
        if ((state == LoginState.VERIFIED || state == LoginState.AWAITING_CONSENT) && signer.isEmpty()
                || state == LoginState.FAILED && failure.isEmpty()) {
            throw new IllegalArgumentException("a " + state + " transaction needs its outcome");
        }
    }

    /** A transaction outside a single sign-on session. */
    public LoginTransaction(String id, String challenge, String browserBinding, AuthorizationRequest request,
                            String clientName, CertificateRequirement requirement, Instant createdAt, Instant expiresAt,
                            LoginState state, Optional<SignerIdentity> signer, Optional<String> failure) {
        this(id, challenge, browserBinding, request, clientName, requirement, createdAt, expiresAt, state, signer, failure,
                Optional.empty());
    }

    /** This transaction (same state) belonging to the single sign-on session {@code handle}. */
    public LoginTransaction withSession(String handle) {
        return new LoginTransaction(id, challenge, browserBinding, request, clientName, requirement, createdAt, expiresAt,
                state, signer, failure, Optional.of(handle));
    }

    /** A new PENDING transaction. */
    public static LoginTransaction open(String id, String challenge, String browserBinding, AuthorizationRequest request,
                                        String clientName, Instant now, java.time.Duration lifetime) {
        return new LoginTransaction(id, challenge, browserBinding, request, clientName,
                CertificateRequirement.forRequest(request), now, now.plus(lifetime), LoginState.PENDING,
                Optional.empty(), Optional.empty());
    }

    /** True from {@code expiresAt} on. */
    public boolean isExpired(Instant now) {
        return !now.isBefore(expiresAt);
    }

    public LoginTransaction verified(SignerIdentity identity) {
        return move(LoginState.VERIFIED, Optional.of(identity), Optional.empty());
    }

    /** AWAITING_CONSENT, keeping the signer (and the 4 information, for the code once approved). */
    public LoginTransaction awaitingConsent() {
        return move(LoginState.AWAITING_CONSENT, signer, failure);
    }

    public LoginTransaction failed(String jpkiErrorCode) {
        return move(LoginState.FAILED, Optional.empty(), Optional.of(jpkiErrorCode));
    }

    /** CONSUMED, keeping the certificate identity but not the 4 information (they move into the code). */
    public LoginTransaction consumed() {
        return move(LoginState.CONSUMED, signer.map(SignerIdentity::withoutFourInformation), failure);
    }

    private LoginTransaction move(LoginState next, Optional<SignerIdentity> newSigner, Optional<String> newFailure) {
        if (!state.canMoveTo(next)) {
            throw new IllegalStateException("a login transaction cannot move from " + state + " to " + next);
        }
        return new LoginTransaction(id, challenge, browserBinding, request, clientName, requirement, createdAt,
                expiresAt, next, newSigner, newFailure, session);
    }

    @Override
    public String toString() {
        return "LoginTransaction[" + state + ", client " + request.clientId() + ", " + requirement + "]";
    }
}
