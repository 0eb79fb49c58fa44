package jp.jpkigate.idp.client;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import jp.jpkigate.idp.key.JwsAlgorithms;
import jp.jpkigate.idp.key.JwsTypes;
import jp.jpkigate.idp.oauth.OAuthError;
import jp.jpkigate.idp.oauth.OAuthException;

/**
 * Verifies a {@code private_key_jwt} client assertion (RFC 7523 §3, OIDC Core §9) apart from its
 * {@code jti} replay check, which needs the store: plain Java, no I/O. Every failure is
 * {@code invalid_client} (RFC 7523 §3.2).
 *
 * <ol>
 *   <li>a JWS (never {@code none}) with ES256, PS256 or EdDSA; no {@code crit} header; no
 *       {@code typ} of another kind of JWT (a request object's {@code oauth-authz-req+jwt} above
 *       all: RFC 9101 §10.8, RFC 8725 §3.11) — absent, {@code JWT} or
 *       {@code client-authentication+jwt} (draft-ietf-oauth-rfc7523bis);</li>
 *   <li>{@code iss} = {@code sub} = the client id, and the {@code client_id} parameter if sent;</li>
 *   <li>{@code aud}: for a FAPI client only the issuer identifier, as a single JSON string — FAPI
 *       2.0 Security Profile §5.3.2.1: the AS "shall only accept its issuer identifier value (as
 *       defined in [RFC8414]) as a string in the aud claim received in client authentication
 *       assertions" (the audience-injection fix); for other clients one of the policy's accepted
 *       audiences (RFC 9126 §2: issuer, token endpoint or PAR endpoint), string or array;</li>
 *   <li>{@code exp} after now − skew and at most {@code maxLifetime} + skew ahead; {@code nbf}
 *       and {@code iat} (optional) not in the future beyond the skew; {@code iat} not older than
 *       {@code maxLifetime} + skew;</li>
 *   <li>{@code jti} present, at most 256 characters;</li>
 *   <li>the signature verifies with a key of the client's JWKS — the one named by {@code kid},
 *       else any key that fits the algorithm.</li>
 * </ol>
 */
public final class ClientAssertionVerifier {
    /** The {@code typ} values of a client assertion, lower case; absent is accepted too. */
    private static final Set<String> TYPES = Set.of("jwt", "client-authentication+jwt");

    private final ClientAuthenticationPolicy policy;

    /** A verified assertion: whose it is, and the one-time {@code jti} with its expiry. */
    public record VerifiedAssertion(String clientId, String jti, Instant expiresAt) {
    }

    public ClientAssertionVerifier(ClientAuthenticationPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** Parses the assertion only far enough to learn the client it claims ({@code iss}, else {@code sub}). */
    public static String claimedClientId(SignedJWT jwt) throws OAuthException {
        JWTClaimsSet claims = claims(jwt);
        String iss = claims.getIssuer();
        if (iss == null || iss.isEmpty()) {
            throw invalid("client assertion without iss");
        }
        return iss;
    }

    public static SignedJWT parse(String assertion) throws OAuthException {
        try {
            return SignedJWT.parse(assertion);
        } catch (java.text.ParseException | RuntimeException e) {
            throw invalid("client_assertion is not a signed JWT");
        }
    }

    /** All checks, signature included, with these client keys. */
    public VerifiedAssertion verify(SignedJWT jwt, RegisteredClient client, JWKSet keys, Instant now) throws OAuthException {
        VerifiedAssertion verified = checkClaims(jwt, client, now);
        verifySignature(jwt, keys);
        return verified;
    }

    /** Every check but the signature: cheap, no keys needed, done before any key fetch. */
    public VerifiedAssertion checkClaims(SignedJWT jwt, RegisteredClient client, Instant now) throws OAuthException {
        JWSHeader header = jwt.getHeader();
        JWSAlgorithm alg = header.getAlgorithm();
        if (!JwsAlgorithms.isSupported(alg)) {
            throw invalid("client assertion algorithm must be ES256, PS256 or EdDSA");
        }
        if (header.getCriticalParams() != null && !header.getCriticalParams().isEmpty()) {
            throw invalid("client assertion with unsupported crit header");
        }
        if (JwsTypes.of(header).filter(typ -> !TYPES.contains(typ)).isPresent()) {
            throw invalid("client assertion typ must be JWT or client-authentication+jwt, not another kind of JWT");
        }
        JWTClaimsSet claims = claims(jwt);
        String clientId = client.clientId();
        if (!clientId.equals(claims.getIssuer()) || !clientId.equals(claims.getSubject())) {
            throw invalid("client assertion iss and sub must be the client_id");
        }
        checkAudience(jwt, claims, client);
        checkTimes(claims, now);
        String jti = claims.getJWTID();
        if (jti == null || jti.isEmpty() || jti.length() > 256) {
            throw invalid("client assertion needs a jti of at most 256 characters");
        }
        return new VerifiedAssertion(clientId, jti, claims.getExpirationTime().toInstant());
    }

    private void checkAudience(SignedJWT jwt, JWTClaimsSet claims, RegisteredClient client) throws OAuthException {
        if (client.fapi()) {
            // The raw member: Nimbus turns a one-element array into the same list as a string.
            Map<String, Object> payload = jwt.getPayload().toJSONObject();
            if (payload == null || !policy.issuer().equals(payload.get("aud"))) {
                throw invalid("client assertion aud must be the issuer identifier, as a single string (FAPI 2.0)");
            }
            return;
        }
        List<String> audience = claims.getAudience();
        if (audience == null || audience.stream().noneMatch(policy.acceptedAudiences()::contains)) {
            throw invalid("client assertion aud must be the issuer identifier");
        }
    }

    private void checkTimes(JWTClaimsSet claims, Instant now) throws OAuthException {
        Duration skew = policy.clockSkew();
        Date exp = claims.getExpirationTime();
        if (exp == null) {
            throw invalid("client assertion without exp");
        }
        if (!exp.toInstant().isAfter(now.minus(skew))) {
            throw invalid("client assertion expired");
        }
        if (exp.toInstant().isAfter(now.plus(policy.maxLifetime()).plus(skew))) {
            throw invalid("client assertion exp too far in the future");
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && nbf.toInstant().isAfter(now.plus(skew))) {
            throw invalid("client assertion not yet valid (nbf)");
        }
        Date iat = claims.getIssueTime();
        if (iat != null && iat.toInstant().isAfter(now.plus(skew))) {
            throw invalid("client assertion issued in the future (iat)");
        }
        if (iat != null && iat.toInstant().isBefore(now.minus(policy.maxLifetime()).minus(skew))) {
            throw invalid("client assertion too old (iat)");
        }
    }

    /** The signature check: by the key named by {@code kid}, else any key fitting the algorithm. */
    public static void verifySignature(SignedJWT jwt, JWKSet jwks) throws OAuthException {
        switch (ClientSignature.verify(jwt, jwks)) {
            case VALID -> {
            }
            case NO_KEY -> throw invalid(jwt.getHeader().getKeyID() != null ? "no client key with this kid and alg"
                    : "no client key for this alg");
            default -> throw invalid("client assertion signature invalid");
        }
    }

    private static JWTClaimsSet claims(SignedJWT jwt) throws OAuthException {
        try {
            return jwt.getJWTClaimsSet();
        } catch (java.text.ParseException | RuntimeException e) {
            throw invalid("client assertion claims are not a JSON object");
        }
    }

    private static OAuthException invalid(String description) {
        return OAuthError.INVALID_CLIENT.withDescription(description).toException();
    }
}
