package jp.jpkigate.perf.login;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import jp.jpkigate.idp.key.JwsAlgorithms;

/**
 * The relying party's side of {@code private_key_jwt} (RFC 7523 §2.2, OpenID Connect Core §9), as
 * the load tests and benchmarks sign it: ES256 with the BouncyCastle provider.
 */
public final class ClientAssertions {
    /** The {@code client_assertion_type} of a JWT client assertion. */
    public static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private ClientAssertions() {
    }

    /**
     * A client assertion: {@code iss} = {@code sub} = the client, {@code aud}, issued now, valid 60 s,
     * a random {@code jti} (the OP refuses a replayed one), {@code kid} of the key.
     */
    public static String sign(JWK clientKey, String clientId, String audience, Instant now, SecureRandom random) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(clientId).subject(clientId).audience(audience)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(60)))
                .jwtID(randomBase64Url(random, 16))
                .build();
        return signEs256(clientKey, new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(clientKey.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims);
    }

    /** A compact ES256 JWS of {@code claims} under {@code header}, signed as the OP signs (BouncyCastle key objects). */
    static String signEs256(JWK key, JWSHeader header, JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(JwsAlgorithms.signer(key, JWSAlgorithm.ES256));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign with " + key.getKeyID(), e);
        }
        return jwt.serialize();
    }

    /** {@code bytes} random bytes, base64url without padding (state, nonce, jti, PKCE verifier). */
    public static String randomBase64Url(SecureRandom random, int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
