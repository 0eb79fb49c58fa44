package jp.jpkigate.idp.testing;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import jp.jpkigate.idp.dpop.DpopProofVerifier;
import jp.jpkigate.idp.dpop.JwkThumbprint;
import jp.jpkigate.idp.key.JwsAlgorithms;
import jp.jpkigate.idp.key.SigningKeys;

/**
 * A DPoP client for tests: one key pair, proofs built from plain maps so a test can bend any header
 * or claim (including ones a JOSE library refuses to build), signed with BouncyCastle. {@code iat}
 * comes from the test's clock.
 */
public final class DpopProofs {
    private static final SecureRandom RANDOM = new SecureRandom();

    public final JWK key;
    public final JWSAlgorithm alg;
    private final Clock clock;

    public DpopProofs(JWSAlgorithm alg, Clock clock) {
        this.key = SigningKeys.generateKey(alg);
        this.alg = alg;
        this.clock = clock;
    }

    public JwkThumbprint jkt() {
        return JwkThumbprint.of(key.toPublicJWK());
    }

    /** {@code typ}, {@code alg} and the public {@code jwk}. */
    public Map<String, Object> header() {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("typ", "dpop+jwt");
        header.put("alg", alg.getName());
        header.put("jwk", key.toPublicJWK().toJSONObject());
        return header;
    }

    /** A fresh {@code jti}, {@code htm}, {@code htu} and {@code iat} (now). */
    public Map<String, Object> claims(String htm, String htu) {
        byte[] jti = new byte[16];
        RANDOM.nextBytes(jti);
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("jti", Base64.getUrlEncoder().withoutPadding().encodeToString(jti));
        claims.put("htm", htm);
        claims.put("htu", htu);
        claims.put("iat", clock.instant().getEpochSecond());
        return claims;
    }

    /** A well-formed proof, with {@code nonce} and {@code ath} when given (null for none). */
    public String proof(String htm, String htu, String nonce, String accessToken) {
        Map<String, Object> claims = claims(htm, htu);
        if (nonce != null) {
            claims.put("nonce", nonce);
        }
        if (accessToken != null) {
            claims.put("ath", DpopProofVerifier.accessTokenHash(accessToken));
        }
        return sign(header(), claims);
    }

    /** The compact JWS of exactly these header and claims, signed with this key and algorithm. */
    public String sign(Map<String, Object> header, Map<String, Object> claims) {
        String input = encode(header) + "." + encode(claims);
        try {
            Base64URL signature = JwsAlgorithms.signer(key, alg).sign(new JWSHeader(alg), input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + signature;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String encode(Map<String, Object> json) {
        return Base64URL.encode(JSONObjectUtils.toJSONString(json).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
