package jp.jpkigate.idp.dpop;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.SignedJWT;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jp.jpkigate.idp.key.JwsAlgorithms;

/**
 * RFC 9449 §4.3 checks 1-2 and 4-7 on the {@code DPoP} header: exactly one header holding one
 * compact JWS of at most 8 KiB; {@code typ} {@code dpop+jwt}; {@code alg} one of the OP's
 * asymmetric algorithms (ES256, PS256, EdDSA — never {@code none}, HS* or RS*); a {@code jwk}
 * header that is a public key fitting that algorithm (RSA: 2048-4096 bits, exponent of at most 32
 * bits), with no private member at all (RFC 9449 §4.3 check 7 — checked on the raw JSON, not on
 * what a JWK parser kept); a signature by that key (BouncyCastle). Everything else, including library exceptions, is {@code invalid_dpop_proof}.
 */
final class DpopProofParser {
    static final int MAX_LENGTH = 8 * 1024;
    static final int MAX_RSA_BITS = 4096;
    /** RFC 7518 §6.2.2, §6.3.2, §6.4; RFC 8037 §2: members that only private or symmetric keys have. */
    private static final Set<String> PRIVATE_MEMBERS = Set.of("d", "p", "q", "dp", "dq", "qi", "oth", "k");
    private static final JOSEObjectType TYPE = new JOSEObjectType("dpop+jwt");

    private DpopProofParser() {
    }

    /** A proof whose signature verified, and its public key. */
    record Parsed(SignedJWT jwt, JWK key) {
    }

    static Parsed parse(List<String> headers) throws DpopException {
        if (headers.size() != 1) {
            throw DpopException.invalid(headers.isEmpty() ? "DPoP proof missing" : "more than one DPoP header");
        }
        String proof = headers.get(0).trim();
        if (proof.length() > MAX_LENGTH) {
            throw DpopException.invalid("DPoP proof too large");
        }
        if (proof.indexOf(',') >= 0) {
            throw DpopException.invalid("more than one DPoP header"); // a proxy joined repeated headers
        }
        try {
            rejectPrivateMembers(proof);
            SignedJWT jwt = SignedJWT.parse(proof);
            if (!TYPE.getType().equalsIgnoreCase(jwt.getHeader().getType() == null ? "" : jwt.getHeader().getType().getType())) {
                throw DpopException.invalid("typ must be dpop+jwt");
            }
            JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
            if (!JwsAlgorithms.isSupported(alg)) {
                throw DpopException.invalid("alg must be one of ES256, PS256, EdDSA");
            }
            JWK key = publicKey(jwt);
            if (!JwsAlgorithms.keyFits(key, alg)) {
                throw DpopException.invalid("the jwk does not fit alg");
            }
            if (key instanceof RSAKey rsa && !boundedRsa(rsa)) {
                throw DpopException.invalid("RSA keys must have 2048-4096 bits and a public exponent of at most 32 bits");
            }
            if (!jwt.verify(JwsAlgorithms.verifier(key, alg))) {
                throw DpopException.invalid("bad DPoP proof signature");
            }
            return new Parsed(jwt, key);
        } catch (java.text.ParseException | JOSEException | RuntimeException | StackOverflowError e) {
            throw DpopException.invalid("malformed DPoP proof");
        }
    }

    /**
     * RFC 9449 §4.3 check 7 on the raw protected header, before any JWK parser can drop or refuse
     * members: a {@code jwk} with private or symmetric key material is refused by name.
     */
    private static void rejectPrivateMembers(String proof) throws DpopException, java.text.ParseException {
        int dot = proof.indexOf('.');
        if (dot <= 0) {
            throw DpopException.invalid("malformed DPoP proof");
        }
        Map<String, Object> header = JSONObjectUtils.parse(new Base64URL(proof.substring(0, dot)).decodeToString());
        Map<String, Object> jwk = JSONObjectUtils.getJSONObject(header, "jwk");
        if (jwk == null) {
            throw DpopException.invalid("the jwk header is missing");
        }
        if (jwk.keySet().stream().anyMatch(PRIVATE_MEMBERS::contains)) {
            throw DpopException.invalid("the jwk header must not contain a private key");
        }
    }

    /**
     * The client picks the key, so its size is an attacker's choice: a huge modulus with a huge
     * exponent would make one signature check block the event loop for seconds.
     */
    private static boolean boundedRsa(RSAKey key) {
        return key.size() <= MAX_RSA_BITS && key.getPublicExponent().decodeToBigInteger().bitLength() <= 32;
    }

    /** The parsed {@code jwk} header, public. */
    private static JWK publicKey(SignedJWT jwt) throws DpopException {
        JWK key = jwt.getHeader().getJWK();
        if (key == null || key.isPrivate()) {
            throw DpopException.invalid("the jwk header must be a public key");
        }
        return key;
    }
}
