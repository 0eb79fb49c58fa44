package jp.jpkigate.perf.login;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

/**
 * The relying party's DPoP proofs (RFC 9449 §4.2) as the load tests make them: an ES256 key per
 * virtual user, a proof per request with {@code htm}, {@code htu}, {@code iat}, a random {@code jti},
 * the server's {@code nonce} and, at a resource, {@code ath} of the access token.
 */
public final class DpopProofs {
    private DpopProofs() {
    }

    /** A new P-256 key for one virtual user's proofs. */
    public static ECKey newKey() {
        try {
            return new ECKeyGenerator(Curve.P_256).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate a DPoP key", e);
        }
    }

    /**
     * A proof for {@code method} {@code uri} (no query), with {@code nonce} and {@code accessToken}
     * when not null.
     */
    public static String proof(ECKey key, String method, String uri, String nonce, String accessToken, Instant now,
                               SecureRandom random) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .jwtID(ClientAssertions.randomBase64Url(random, 16))
                .claim("htm", method)
                .claim("htu", uri)
                .issueTime(Date.from(now));
        if (nonce != null) {
            claims.claim("nonce", nonce);
        }
        if (accessToken != null) {
            claims.claim("ath", base64UrlSha256(accessToken));
        }
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("dpop+jwt"))
                .jwk(key.toPublicJWK()).build();
        return ClientAssertions.signEs256(key, header, claims.build());
    }

    /** base64url(SHA-256(ASCII text)) without padding: {@code ath}, and PKCE's S256 challenge. */
    public static String base64UrlSha256(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
