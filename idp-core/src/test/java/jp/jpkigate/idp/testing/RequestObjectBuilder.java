package jp.jpkigate.idp.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import jp.jpkigate.idp.key.JwsAlgorithms;

/**
 * A request object (RFC 9101) as a well-behaved FAPI client writes it — {@code typ}
 * {@code oauth-authz-req+jwt}, {@code iss} and {@code client_id} the client, {@code aud} the
 * issuer, {@code nbf} now and {@code exp} five minutes later, a code request with PKCE — that a
 * test then spoils one member at a time. The JSON is written as given (an array stays an array).
 */
public final class RequestObjectBuilder {
    private final Map<String, Object> claims = new LinkedHashMap<>();
    private final CodeVerifier verifier = new CodeVerifier();
    private String type = "oauth-authz-req+jwt";

    private RequestObjectBuilder() {
    }

    public static RequestObjectBuilder of(String clientId, String redirectUri, Instant now) {
        RequestObjectBuilder b = new RequestObjectBuilder();
        b.claims.put("iss", clientId);
        b.claims.put("aud", OpFixture.ISSUER);
        b.claims.put("client_id", clientId);
        b.claims.put("nbf", now.getEpochSecond());
        b.claims.put("exp", now.plusSeconds(300).getEpochSecond());
        b.claims.put("iat", now.getEpochSecond());
        b.claims.put("jti", "ro-" + System.nanoTime());
        b.claims.put("response_type", "code");
        b.claims.put("redirect_uri", redirectUri);
        b.claims.put("scope", "openid");
        b.claims.put("state", "ro-state");
        b.claims.put("nonce", "ro-nonce");
        b.claims.put("code_challenge", CodeChallenge.compute(CodeChallengeMethod.S256, b.verifier).getValue());
        b.claims.put("code_challenge_method", "S256");
        return b;
    }

    /** Sets a member; {@code null} removes it. Times are epoch seconds. */
    public RequestObjectBuilder claim(String name, Object value) {
        if (value == null) {
            claims.remove(name);
        } else {
            claims.put(name, value instanceof Instant i ? i.getEpochSecond() : value);
        }
        return this;
    }

    /** The {@code typ} header; {@code null} leaves it out. */
    public RequestObjectBuilder type(String typ) {
        this.type = typ;
        return this;
    }

    /** The PKCE verifier of the {@code code_challenge} in the request object. */
    public CodeVerifier verifier() {
        return verifier;
    }

    /** Signed with the key's algorithm (ES256, PS256 or EdDSA), its {@code kid} in the header. */
    public String signedWith(JWK key) {
        JWSAlgorithm alg = JwsAlgorithms.algorithmOf(key).orElseThrow();
        try {
            return signedWith(JwsAlgorithms.signer(key, alg), alg, key.getKeyID());
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public String signedWith(JWSSigner signer, JWSAlgorithm alg, String kid) {
        JWSHeader.Builder header = new JWSHeader.Builder(alg).keyID(kid);
        if (type != null) {
            header.type(new JOSEObjectType(type));
        }
        JWSObject jws = new JWSObject(header.build(), new Payload(new LinkedHashMap<>(claims)));
        try {
            jws.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jws.serialize();
    }

    /** {@code alg: none}. */
    public String unsigned() {
        try {
            return new PlainJWT(JWTClaimsSet.parse(new LinkedHashMap<>(claims))).serialize();
        } catch (java.text.ParseException e) {
            throw new IllegalStateException(e);
        }
    }
}
