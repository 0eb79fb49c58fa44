package jp.jpkigate.idp.introspection;

import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.idp.store.RefreshTokenLookup;
import jp.jpkigate.idp.token.Confirmation;
import jp.jpkigate.idp.token.TokenGrant;
import jp.jpkigate.idp.token.TokenResponse;

/**
 * An RFC 7662 §2.2 introspection response for the client that asked ({@code requester}, the
 * {@code aud} of an RFC 9701 JWT response). Inactive: {@code {"active": false}} and nothing else,
 * whatever the reason. Active: {@code scope, client_id, sub, exp, iss} and, as the token has them,
 * {@code iat, aud, jti, token_type, cnf, acr, auth_time}. Immutable; {@code toString} shows no claim.
 */
public record IntrospectionResponse(String requester, Map<String, Object> members) {
    public IntrospectionResponse {
        Objects.requireNonNull(requester, "requester");
        members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
    }

    public static IntrospectionResponse inactive(String requester) {
        return new IntrospectionResponse(requester, Map.of("active", false));
    }

    /**
     * One of the OP's access tokens, from its claims. {@code token_type} (RFC 7662 §2.2, RFC 6749
     * §7.1) is {@code DPoP} when the token is bound to a DPoP key ({@code cnf.jkt}, RFC 9449 §6),
     * else {@code Bearer} (also for a certificate-bound one, RFC 8705 §3); {@code cnf} is the token's
     * {@link Confirmation} (RFC 9449 §6.2, RFC 8705 §3.2). The claims are those of a token
     * {@code AccessTokenVerifier} accepted, so its {@code cnf} is well-formed.
     */
    public static IntrospectionResponse ofAccessToken(String requester, JWTClaimsSet claims) {
        Map<String, Object> m = active(claims.getClaim("scope"), claims.getClaim("client_id"), claims.getSubject(),
                claims.getExpirationTime().toInstant(), claims.getIssuer());
        if (claims.getIssueTime() != null) {
            m.put("iat", claims.getIssueTime().toInstant().getEpochSecond());
        }
        List<String> aud = claims.getAudience();
        m.put("aud", aud.size() == 1 ? aud.get(0) : aud);
        m.put("jti", claims.getJWTID());
        Optional<Confirmation> cnf = Confirmation.fromClaim(claims.getClaim("cnf"));
        m.put("token_type", cnf.flatMap(Confirmation::dpopKey).isPresent() ? TokenResponse.DPOP : TokenResponse.BEARER);
        cnf.ifPresent(c -> m.put("cnf", c.toClaim()));
        putIfPresent(m, "acr", claims.getClaim("acr"));
        putIfPresent(m, "auth_time", claims.getClaim("auth_time"));
        return new IntrospectionResponse(requester, m);
    }

    /**
     * A refresh token, from its family's grant: {@code exp} is when the family ends; no
     * {@code token_type} (RFC 6749 §7.1 types are those of access tokens).
     */
    public static IntrospectionResponse ofRefreshToken(String requester, String issuer, RefreshTokenLookup.Family family,
                                                       Instant now) {
        TokenGrant grant = family.grant();
        Map<String, Object> m = active(grant.scope(), grant.clientId(), grant.subject(), now.plus(family.remaining()), issuer);
        m.put("acr", grant.acr());
        m.put("auth_time", grant.authTime().getEpochSecond());
        return new IntrospectionResponse(requester, m);
    }

    private static Map<String, Object> active(Object scope, Object clientId, String subject, Instant expiresAt, String issuer) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("active", true);
        m.put("scope", scope);
        m.put("client_id", clientId);
        m.put("sub", subject);
        m.put("exp", expiresAt.getEpochSecond());
        m.put("iss", issuer);
        return m;
    }

    private static void putIfPresent(Map<String, Object> m, String name, Object value) {
        if (value != null) {
            m.put(name, value);
        }
    }

    public boolean active() {
        return Boolean.TRUE.equals(members.get("active"));
    }

    /** The JSON members, in order. */
    public Map<String, Object> toJsonObject() {
        return members;
    }

    @Override
    public String toString() {
        return "IntrospectionResponse[" + (active() ? "active" : "inactive") + " for " + requester + "]";
    }
}
