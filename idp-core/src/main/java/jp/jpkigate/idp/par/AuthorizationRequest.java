package jp.jpkigate.idp.par;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import jp.jpkigate.idp.dpop.JwkThumbprint;

/**
 * A validated OpenID Connect authorization request (code flow), as pushed to {@code /par} and
 * later resumed by {@code /authorize}. Built only by {@link AuthorizationRequestParser} (or the
 * store codec); immutable.
 *
 * @param clientId      the authenticated client
 * @param redirectUri   one of the client's registered redirect URIs, exactly as sent
 * @param scopes        requested scopes, in order, without repeats; {@code openid} among them
 * @param codeChallenge PKCE S256 challenge
 * @param state         RFC 6749 {@code state}, echoed to the client
 * @param nonce         OIDC {@code nonce}, copied into the ID token
 * @param prompt        OIDC {@code prompt} values ({@code none} only alone)
 * @param maxAge        OIDC {@code max_age} in seconds
 * @param acrValues     OIDC {@code acr_values}, in order of preference
 * @param claims        the OIDC §5.5 {@code claims} request as JSON text, validated to be an object
 * @param dpopJkt       RFC 9449 §10: the DPoP key the code will be bound to ({@code dpop_jkt}, or
 *                      the key of the proof sent to PAR)
 */
public record AuthorizationRequest(
        String clientId,
        URI redirectUri,
        List<String> scopes,
        CodeChallenge codeChallenge,
        Optional<String> state,
        Optional<String> nonce,
        Set<Prompt> prompt,
        OptionalLong maxAge,
        List<String> acrValues,
        Optional<String> claims,
        Optional<JwkThumbprint> dpopJkt) {

    public AuthorizationRequest {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(redirectUri, "redirectUri");
        scopes = List.copyOf(scopes);
        Objects.requireNonNull(codeChallenge, "codeChallenge");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(nonce, "nonce");
        prompt = Set.copyOf(prompt);
        Objects.requireNonNull(maxAge, "maxAge");
        acrValues = List.copyOf(acrValues);
        Objects.requireNonNull(claims, "claims");
        Objects.requireNonNull(dpopJkt, "dpopJkt");
    }

    /** A request not bound to a DPoP key. */
    public AuthorizationRequest(String clientId, URI redirectUri, List<String> scopes, CodeChallenge codeChallenge,
                                Optional<String> state, Optional<String> nonce, Set<Prompt> prompt, OptionalLong maxAge,
                                List<String> acrValues, Optional<String> claims) {
        this(clientId, redirectUri, scopes, codeChallenge, state, nonce, prompt, maxAge, acrValues, claims, Optional.empty());
    }

    /** This request bound to a DPoP key (RFC 9449 §10), or unbound. */
    public AuthorizationRequest withDpopJkt(Optional<JwkThumbprint> jkt) {
        return new AuthorizationRequest(clientId, redirectUri, scopes, codeChallenge, state, nonce, prompt, maxAge, acrValues,
                claims, jkt);
    }

    /** The {@code claims} request parsed afresh (a new mutable map each call), or empty. */
    public Map<String, Object> claimsObject() {
        if (claims.isEmpty()) {
            return Map.of();
        }
        try {
            return JSONObjectUtils.parse(claims.get());
        } catch (java.text.ParseException e) {
            throw new IllegalStateException("a validated claims request no longer parses", e);
        }
    }
}
