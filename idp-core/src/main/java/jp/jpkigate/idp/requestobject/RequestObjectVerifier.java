package jp.jpkigate.idp.requestobject;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import jp.jpkigate.idp.client.ClientSignature;
import jp.jpkigate.idp.client.RegisteredClient;
import jp.jpkigate.idp.key.JwsAlgorithms;
import jp.jpkigate.idp.key.JwsTypes;
import jp.jpkigate.idp.oauth.FormParameters;
import jp.jpkigate.idp.oauth.OAuthError;
import jp.jpkigate.idp.oauth.OAuthException;

/**
 * Verifies a request object (RFC 9101) of an identified client: plain Java, no I/O; every failure
 * is {@code invalid_request_object} (RFC 9101 §6.2) naming what was wrong.
 *
 * <ol>
 *   <li>a JWS: {@code none} (RFC 9101 §10.5: refused whenever signing is required, and here it
 *       always is) and JWE are refused; ES256, PS256 or EdDSA (FAPI 2.0 Security Profile §5.4.1),
 *       so never HS* keyed with a client secret; no {@code crit} header;</li>
 *   <li>{@code typ} {@code oauth-authz-req+jwt} (FAPI 2.0 Message Signing: the AS "shall accept"
 *       it), {@code JWT} or none (RFC 9101 §4 only recommends explicit typing, and FAPI clients
 *       "should" send it, so requiring it would refuse conforming clients); any other type is
 *       another kind of JWT and refused (RFC 8725 §3.11, RFC 9101 §10.8);</li>
 *   <li>{@code iss} = the client id (RFC 9101 §4); {@code client_id} present and equal to it
 *       (RFC 9101 §6.3: "MUST be identical");</li>
 *   <li>{@code aud} the issuer identifier, exactly (no endpoint URL), as a string or an array
 *       holding it (FAPI 2.0 Message Signing: "shall require the aud claim in the request object
 *       to be, or to be an array containing, the authorization server's issuer identifier URL");</li>
 *   <li>{@code nbf} required, not in the future (beyond the skew) and "no longer than 60 minutes
 *       in the past"; {@code exp} required, not passed, after {@code nbf} and "no longer than 60
 *       minutes after the nbf claim" (FAPI 2.0 Message Signing);</li>
 *   <li>{@code sub} is not the client id: such a JWT could pass for a client assertion
 *       (RFC 9101 §10.8: "never use the client ID as the sub value in a Request Object");</li>
 *   <li>no {@code request} or {@code request_uri} inside (OIDC Core §6.1, RFC 9126 §2.1);</li>
 *   <li>the signature verifies with the client's keys ({@link ClientSignature}).</li>
 * </ol>
 * No {@code jti} replay check: neither RFC 9101 nor FAPI 2.0 asks for one, and a request object
 * pushed twice only yields two one-time {@code request_uri}s of the same authenticated client.
 */
public final class RequestObjectVerifier {
    /** Accepted {@code typ} values, normalised by {@link JwsTypes}; absent is accepted too. */
    static final Set<String> TYPES = Set.of("oauth-authz-req+jwt", "jwt");

    private final RequestObjectPolicy policy;

    public RequestObjectVerifier(RequestObjectPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** Parses the {@code request} value: a JWS, or {@code invalid_request_object}. */
    public static SignedJWT parse(String request) throws OAuthException {
        JWT jwt;
        try {
            jwt = JWTParser.parse(request);
        } catch (java.text.ParseException | RuntimeException | StackOverflowError e) {
            throw invalid("request is not a JWT");
        }
        if (jwt instanceof PlainJWT) {
            throw invalid("request object must be signed (alg none is refused)");
        }
        if (!(jwt instanceof SignedJWT signed)) {
            throw invalid("encrypted request objects are not supported; send a signed one");
        }
        return signed;
    }

    /**
     * Every check but the signature (cheap, done before any key fetch); returns the authorization
     * parameters the request object carries.
     */
    public FormParameters checkClaims(SignedJWT jwt, RegisteredClient client, Instant now) throws OAuthException {
        checkHeader(jwt.getHeader());
        JWTClaimsSet claims;
        try {
            claims = jwt.getJWTClaimsSet();
        } catch (java.text.ParseException | RuntimeException | StackOverflowError e) {
            throw invalid("request object claims are not a JWT claims set");
        }
        String clientId = client.clientId();
        if (!clientId.equals(claims.getIssuer())) {
            throw invalid("request object iss must be the client_id");
        }
        if (!clientId.equals(claims.getClaim("client_id"))) {
            throw invalid("request object client_id must be present and equal to the client_id of the request");
        }
        List<String> audience = claims.getAudience();
        if (audience == null || !audience.contains(policy.issuer())) {
            throw invalid("request object aud must be the issuer identifier " + policy.issuer());
        }
        checkTimes(claims, now);
        if (clientId.equals(claims.getSubject())) {
            throw invalid("request object sub must not be the client_id (RFC 9101 section 10.8)");
        }
        if (claims.getClaim("request") != null || claims.getClaim("request_uri") != null) {
            throw invalid("request object must not contain request or request_uri");
        }
        return RequestObjectParameters.of(claims.getClaims());
    }

    private static void checkHeader(JWSHeader header) throws OAuthException {
        if (!JwsAlgorithms.isSupported(header.getAlgorithm())) {
            throw invalid("request object algorithm must be ES256, PS256 or EdDSA");
        }
        if (header.getCriticalParams() != null && !header.getCriticalParams().isEmpty()) {
            throw invalid("request object with unsupported crit header");
        }
        if (JwsTypes.of(header).filter(typ -> !TYPES.contains(typ)).isPresent()) {
            throw invalid("request object typ must be oauth-authz-req+jwt");
        }
    }

    private void checkTimes(JWTClaimsSet claims, Instant now) throws OAuthException {
        Duration skew = policy.clockSkew();
        Date nbfDate = claims.getNotBeforeTime();
        Date expDate = claims.getExpirationTime();
        if (nbfDate == null) {
            throw invalid("request object needs nbf");
        }
        if (expDate == null) {
            throw invalid("request object needs exp");
        }
        Instant nbf = nbfDate.toInstant();
        Instant exp = expDate.toInstant();
        if (nbf.isAfter(now.plus(skew))) {
            throw invalid("request object not yet valid (nbf in the future)");
        }
        if (nbf.isBefore(now.minus(policy.maxNbfAge()))) {
            throw invalid("request object nbf is more than " + policy.maxNbfAge().toMinutes() + " minutes in the past");
        }
        if (!exp.isAfter(now.minus(skew))) {
            throw invalid("request object expired (exp)");
        }
        if (!exp.isAfter(nbf)) {
            throw invalid("request object exp must be after nbf");
        }
        if (Duration.between(nbf, exp).compareTo(policy.maxLifetime()) > 0) {
            throw invalid("request object lifetime (exp - nbf) is over " + policy.maxLifetime().toMinutes() + " minutes");
        }
    }

    /** The signature check with the client's keys. */
    public static void verifySignature(SignedJWT jwt, JWKSet keys) throws OAuthException {
        switch (ClientSignature.verify(jwt, keys)) {
            case VALID -> {
            }
            case NO_KEY -> throw invalid("no key of the client fits the request object's kid and alg");
            default -> throw invalid("request object signature invalid");
        }
    }

    private static OAuthException invalid(String description) {
        return OAuthError.INVALID_REQUEST_OBJECT.withDescription(description).toException();
    }
}
