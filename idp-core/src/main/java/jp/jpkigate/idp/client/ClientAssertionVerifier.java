package jp.jpkigate.idp.client;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import jp.jpkigate.idp.key.JwsAlgorithms;
import jp.jpkigate.idp.oauth.OAuthError;
import jp.jpkigate.idp.oauth.OAuthException;

/**
 * Verifies a {@code private_key_jwt} client assertion (RFC 7523 §3, OIDC Core §9) apart from its
 * {@code jti} replay check, which needs the store: plain Java, no I/O. Every failure is
 * {@code invalid_client} (RFC 7523 §3.2).
 *
 * <ol>
 *   <li>a JWS (never {@code none}) with ES256, PS256 or EdDSA; no {@code crit} header;</li>
 *   <li>{@code iss} = {@code sub} = the client id, and the {@code client_id} parameter if sent;</li>
 *   <li>{@code aud} contains one of the policy's audiences;</li>
 *   <li>{@code exp} after now − skew and at most {@code maxLifetime} + skew ahead; {@code nbf}
 *       and {@code iat} (optional) not in the future beyond the skew; {@code iat} not older than
 *       {@code maxLifetime} + skew;</li>
 *   <li>{@code jti} present, at most 256 characters;</li>
 *   <li>the signature verifies with a key of the client's JWKS — the one named by {@code kid},
 *       else any key that fits the algorithm.</li>
 * </ol>
 */
public final class ClientAssertionVerifier {
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
        JWTClaimsSet claims = claims(jwt);
        String clientId = client.clientId();
        if (!clientId.equals(claims.getIssuer()) || !clientId.equals(claims.getSubject())) {
            throw invalid("client assertion iss and sub must be the client_id");
        }
        List<String> audience = claims.getAudience();
        if (audience == null || audience.stream().noneMatch(policy.acceptedAudiences()::contains)) {
            throw invalid("client assertion aud must be the issuer identifier");
        }
        checkTimes(claims, now);
        String jti = claims.getJWTID();
        if (jti == null || jti.isEmpty() || jti.length() > 256) {
            throw invalid("client assertion needs a jti of at most 256 characters");
        }
        return new VerifiedAssertion(clientId, jti, claims.getExpirationTime().toInstant());
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

    /** Whether the set holds a key the assertion could be verified with (by kid and algorithm). */
    public static boolean hasCandidateKey(SignedJWT jwt, JWKSet jwks) {
        return !candidates(jwt, jwks).isEmpty();
    }

    private static List<JWK> candidates(SignedJWT jwt, JWKSet jwks) {
        JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
        String kid = jwt.getHeader().getKeyID();
        List<JWK> candidates = new ArrayList<>();
        for (JWK key : jwks.getKeys()) {
            if ((kid == null || kid.equals(key.getKeyID())) && JwsAlgorithms.keyFits(key, alg)) {
                candidates.add(key);
            }
        }
        return candidates;
    }

    /** The signature check: by the key named by {@code kid}, else any key fitting the algorithm. */
    public static void verifySignature(SignedJWT jwt, JWKSet jwks) throws OAuthException {
        JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
        String kid = jwt.getHeader().getKeyID();
        List<JWK> candidates = candidates(jwt, jwks);
        if (candidates.isEmpty()) {
            throw invalid(kid != null ? "no client key with this kid and alg" : "no client key for this alg");
        }
        for (JWK key : candidates) {
            try {
                JWSVerifier verifier = JwsAlgorithms.verifier(key, alg);
                if (jwt.verify(verifier)) {
                    return;
                }
            } catch (JOSEException | RuntimeException e) {
                // a key that cannot verify this signature: try the next
            }
        }
        throw invalid("client assertion signature invalid");
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
