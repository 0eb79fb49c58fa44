package jp.jpkigate.idp.authorize;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.idp.dpop.JwkThumbprint;
import jp.jpkigate.idp.login.SignerIdentity;
import jp.jpkigate.idp.par.CodeChallenge;

/**
 * What an authorization code stands for: everything {@code /token} needs to check the redemption
 * (client, redirect URI, PKCE) and to mint the tokens (scope, nonce, auth_time, acr, amr, who
 * signed, the claims request). Immutable.
 *
 * @param clientId      the client the code was issued to
 * @param redirectUri   the redirect URI of the request; the token request must repeat it (RFC 6749 §4.1.3)
 * @param scopes        granted scopes
 * @param nonce         OIDC nonce for the ID token
 * @param codeChallenge PKCE S256 challenge (RFC 7636 §4.6)
 * @param authTime      when the card's signature was verified
 * @param acr           {@code urn:jpkigate:acr:jpki-auth} or {@code urn:jpkigate:acr:jpki-sign}
 * @param amr           RFC 8176 values, {@code ["sc","pin"]} for a card ({@code ["hwk","pin"]} for a phone)
 * @param signer        the certificate identity; carries the 4 information exactly when they were required
 * @param claims        the OIDC §5.5 claims request as JSON text
 * @param issuedAt      when the code was issued
 * @param dpopJkt       RFC 9449 §10: the DPoP key the code is bound to; the token request's proof must use it
 * @param sid           the client's session id in the person's single sign-on session (OIDC Back-Channel
 *                      Logout §2.4), for the ID token; empty for a login outside a session
 */
public record CodeGrant(String clientId, URI redirectUri, List<String> scopes, Optional<String> nonce,
                        CodeChallenge codeChallenge, Instant authTime, String acr, List<String> amr,
                        SignerIdentity signer, Optional<String> claims, Instant issuedAt, Optional<JwkThumbprint> dpopJkt,
                        Optional<String> sid) {
    public CodeGrant {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(redirectUri, "redirectUri");
        scopes = List.copyOf(scopes);
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(codeChallenge, "codeChallenge");
        Objects.requireNonNull(authTime, "authTime");
        Objects.requireNonNull(acr, "acr");
        amr = List.copyOf(amr);
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(claims, "claims");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(dpopJkt, "dpopJkt");
        Objects.requireNonNull(sid, "sid");
    }

    /** A code not bound to a DPoP key, outside a single sign-on session. */
    public CodeGrant(String clientId, URI redirectUri, List<String> scopes, Optional<String> nonce,
                     CodeChallenge codeChallenge, Instant authTime, String acr, List<String> amr,
                     SignerIdentity signer, Optional<String> claims, Instant issuedAt) {
        this(clientId, redirectUri, scopes, nonce, codeChallenge, authTime, acr, amr, signer, claims, issuedAt, Optional.empty(),
                Optional.empty());
    }

    /** This code with the client's session id (or none). */
    public CodeGrant withSid(Optional<String> sessionId) {
        return new CodeGrant(clientId, redirectUri, scopes, nonce, codeChallenge, authTime, acr, amr, signer, claims, issuedAt,
                dpopJkt, sessionId);
    }

    /** This code bound to a DPoP key (RFC 9449 §10), or unbound. */
    public CodeGrant withDpopJkt(Optional<JwkThumbprint> jkt) {
        return new CodeGrant(clientId, redirectUri, scopes, nonce, codeChallenge, authTime, acr, amr, signer, claims, issuedAt, jkt,
                sid);
    }

    @Override
    public String toString() {
        return "CodeGrant[" + clientId + ", " + scopes + ", " + signer + "]";
    }
}
