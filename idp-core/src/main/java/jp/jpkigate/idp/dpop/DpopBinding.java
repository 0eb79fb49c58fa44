package jp.jpkigate.idp.dpop;

import java.util.Optional;
import jp.jpkigate.idp.oauth.OAuthError;
import jp.jpkigate.idp.oauth.OAuthException;

/**
 * The binding rules of RFC 9449 at the authorization server, given the key of the request's
 * verified proof (if any):
 * <ul>
 *   <li>PAR (§10.1): the key may come as a proof or as {@code dpop_jkt}; when both are sent they
 *       must be the same key. The code issued for the request is bound to it.</li>
 *   <li>Token endpoint (§5.2 {@code dpop_bound_access_tokens}): a client registered for DPoP-bound
 *       access tokens must send a proof.</li>
 *   <li>A bound code (§10) or refresh token (§5.2) is redeemed only with a proof by its key:
 *       no proof → {@code invalid_dpop_proof}, another key → {@code invalid_grant}.</li>
 *   <li>Refresh tokens (§5.2): those of public clients are bound to the proof's key; those of
 *       confidential clients are not — they are already bound to the client's authentication, and
 *       the client may use a new DPoP key when it refreshes.</li>
 * </ul>
 */
public final class DpopBinding {
    private DpopBinding() {
    }

    /** §10.1: the key a pushed request is bound to. */
    public static Optional<JwkThumbprint> pushed(Optional<JwkThumbprint> dpopJkt, Optional<JwkThumbprint> proof)
            throws OAuthException {
        if (dpopJkt.isPresent() && proof.isPresent() && !dpopJkt.equals(proof)) {
            throw OAuthError.INVALID_DPOP_PROOF.withDescription("dpop_jkt does not match the DPoP proof's key").toException();
        }
        return dpopJkt.isPresent() ? dpopJkt : proof;
    }

    /** §5.2: a proof is required when the client is registered with {@code dpop_bound_access_tokens}. */
    public static void requireProof(boolean dpopBoundAccessTokens, Optional<JwkThumbprint> proof) throws OAuthException {
        if (dpopBoundAccessTokens && proof.isEmpty()) {
            throw OAuthError.INVALID_DPOP_PROOF
                    .withDescription("this client gets DPoP-bound access tokens only: send a DPoP proof").toException();
        }
    }

    /** §10 (codes), §5.2 (refresh tokens of public clients): what is bound is redeemed with its key only. */
    public static void checkBound(String what, Optional<JwkThumbprint> bound, Optional<JwkThumbprint> proof)
            throws OAuthException {
        if (bound.isEmpty()) {
            return;
        }
        if (proof.isEmpty()) {
            throw OAuthError.INVALID_DPOP_PROOF.withDescription("the " + what + " is bound to a DPoP key: send a DPoP proof")
                    .toException();
        }
        if (!bound.equals(proof)) {
            throw OAuthError.INVALID_GRANT.withDescription("the " + what + " is bound to another DPoP key").toException();
        }
    }

    /** §5.2: the key a new refresh-token family is bound to — the proof's for public clients, none otherwise. */
    public static Optional<JwkThumbprint> refreshTokenBinding(boolean confidentialClient, Optional<JwkThumbprint> proof) {
        return confidentialClient ? Optional.empty() : proof;
    }
}
