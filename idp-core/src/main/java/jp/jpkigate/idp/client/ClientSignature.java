package jp.jpkigate.idp.client;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import java.util.ArrayList;
import java.util.List;
import jp.jpkigate.idp.key.JwsAlgorithms;

/**
 * The signature check of a JWS a client signed (a client assertion, a request object) with the
 * client's registered keys: the key named by {@code kid}, else any key that fits the algorithm
 * (ES256, PS256, EdDSA only). Plain Java, no I/O; callers turn the outcome into their own error.
 */
public final class ClientSignature {
    /** What the check found. */
    public enum Outcome {
        /** A key of the set verified the signature. */
        VALID,
        /** No key of the set has this {@code kid} and fits this algorithm. */
        NO_KEY,
        /** Keys fit, and none verified the signature. */
        INVALID
    }

    private ClientSignature() {
    }

    /** Whether the set holds a key the JWS could be verified with (by kid and algorithm). */
    public static boolean hasCandidateKey(SignedJWT jwt, JWKSet jwks) {
        return !candidates(jwt, jwks).isEmpty();
    }

    public static Outcome verify(SignedJWT jwt, JWKSet jwks) {
        JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
        List<JWK> candidates = candidates(jwt, jwks);
        if (candidates.isEmpty()) {
            return Outcome.NO_KEY;
        }
        for (JWK key : candidates) {
            try {
                JWSVerifier verifier = JwsAlgorithms.verifier(key, alg);
                if (jwt.verify(verifier)) {
                    return Outcome.VALID;
                }
            } catch (JOSEException | RuntimeException e) {
                // a key that cannot verify this signature: try the next
            }
        }
        return Outcome.INVALID;
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
}
