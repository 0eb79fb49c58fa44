package jp.jpkigate.idp.key;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import java.util.List;
import java.util.Optional;

/**
 * The asymmetric JWS algorithms the OP signs and verifies with — ES256, PS256 and EdDSA (Ed25519),
 * FAPI 2.0 Security Profile §5.4.1's list. {@code none}, HS* and RS* are never accepted. Signers and
 * verifiers use BouncyCastle ({@link Jca#BC}).
 */
public final class JwsAlgorithms {
    /** In order of preference. */
    public static final List<JWSAlgorithm> SUPPORTED = List.of(JWSAlgorithm.ES256, JWSAlgorithm.PS256, JWSAlgorithm.EdDSA);

    /** How many verifiers {@link #verifier} keeps. */
    static final int KEPT_VERIFIERS = 4096;
    private static final Cache<String, JWSVerifier> VERIFIERS =
            Caffeine.newBuilder().maximumSize(KEPT_VERIFIERS).executor(Runnable::run).build();

    /** The smallest RSA modulus accepted for PS256 (client keys and our own). */
    public static final int MIN_RSA_BITS = 2048;

    private JwsAlgorithms() {
    }

    public static boolean isSupported(JWSAlgorithm alg) {
        return SUPPORTED.contains(alg);
    }

    /** The algorithm a key is used with: its {@code alg} if given, else ES256 / PS256 / EdDSA by key type. */
    public static Optional<JWSAlgorithm> algorithmOf(JWK key) {
        if (key.getAlgorithm() != null) {
            JWSAlgorithm alg = JWSAlgorithm.parse(key.getAlgorithm().getName());
            return keyFits(key, alg) ? Optional.of(alg) : Optional.empty();
        }
        for (JWSAlgorithm alg : SUPPORTED) {
            if (keyFits(key, alg)) {
                return Optional.of(alg);
            }
        }
        return Optional.empty();
    }

    /** Whether this key can be used with this (supported) algorithm. */
    public static boolean keyFits(JWK key, JWSAlgorithm alg) {
        if (!isSupported(alg)) {
            return false;
        }
        if (key.getAlgorithm() != null && !alg.getName().equals(key.getAlgorithm().getName())) {
            return false;
        }
        if (JWSAlgorithm.ES256.equals(alg)) {
            return key instanceof ECKey ec && Curve.P_256.equals(ec.getCurve());
        }
        if (JWSAlgorithm.PS256.equals(alg)) {
            return KeyType.RSA.equals(key.getKeyType()) && key.size() >= MIN_RSA_BITS;
        }
        return key instanceof OctetKeyPair okp && Curve.Ed25519.equals(okp.getCurve());
    }

    /** A signer for a private key with this algorithm. */
    public static JWSSigner signer(JWK privateKey, JWSAlgorithm alg) throws JOSEException {
        if (!keyFits(privateKey, alg) || !privateKey.isPrivate()) {
            throw new JOSEException("key " + privateKey.getKeyID() + " cannot sign " + alg);
        }
        JWSSigner signer;
        if (JWSAlgorithm.ES256.equals(alg)) {
            signer = new ECDSASigner(BcKeys.privateKey(privateKey.toECKey()));
        } else if (JWSAlgorithm.PS256.equals(alg)) {
            signer = new RSASSASigner(privateKey.toRSAKey());
        } else {
            return new EdDsaSigner(privateKey.toOctetKeyPair());
        }
        signer.getJCAContext().setProvider(Jca.BC);
        return signer;
    }

    /**
     * A verifier for a public key with this algorithm. Verifiers are kept by key (the last
     * {@value #KEPT_VERIFIERS} used): a BouncyCastle verification key keeps its precomputed multiples,
     * which halves the cost of the next verification with the same key (the OP's own, a client's, a
     * DPoP key used for the token and then at the resource).
     */
    public static JWSVerifier verifier(JWK publicKey, JWSAlgorithm alg) throws JOSEException {
        if (!keyFits(publicKey, alg)) {
            throw new JOSEException("key does not fit " + alg);
        }
        String id = alg.getName() + '|' + publicMaterial(publicKey);
        JWSVerifier kept = VERIFIERS.getIfPresent(id);
        if (kept != null) {
            return kept;
        }
        JWSVerifier verifier = newVerifier(publicKey, alg);
        VERIFIERS.put(id, verifier);
        return verifier;
    }

    private static JWSVerifier newVerifier(JWK publicKey, JWSAlgorithm alg) throws JOSEException {
        JWSVerifier verifier;
        if (JWSAlgorithm.ES256.equals(alg)) {
            verifier = new ECDSAVerifier(BcKeys.publicKey(publicKey.toECKey()));
        } else if (JWSAlgorithm.PS256.equals(alg)) {
            verifier = new RSASSAVerifier(publicKey.toRSAKey().toPublicJWK());
        } else {
            return new EdDsaVerifier(publicKey.toOctetKeyPair());
        }
        verifier.getJCAContext().setProvider(Jca.BC);
        return verifier;
    }

    /** What identifies a public key of a fitting type: its coordinates, modulus and exponent, or point. */
    private static String publicMaterial(JWK key) {
        if (key instanceof ECKey ec) {
            return ec.getX() + "." + ec.getY();
        }
        if (key instanceof RSAKey rsa) {
            return rsa.getModulus() + "." + rsa.getPublicExponent();
        }
        return ((OctetKeyPair) key).getX().toString();
    }
}
