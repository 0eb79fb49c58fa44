package jp.jpkigate.idp.client;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.KeyUse;
import java.util.List;
import java.util.Optional;
import jp.jpkigate.idp.key.JwsAlgorithms;

/**
 * The keys a business registers to receive encrypted Security Event Tokens: public keys with
 * {@code "use": "enc"} and a {@code kid} (the JWE header names it), either EC P-256 for
 * {@code ECDH-ES+A256KW} or RSA of at least 2048 bits for {@code RSA-OAEP-256} (a key's
 * {@code alg}, when given, must be that one); content encryption is always {@code A256GCM}.
 * Encryption keys never verify a signature: {@link ClientKeys#usable} and the client's
 * {@link RegisteredClient#jwks()} hold signature keys only.
 */
public final class FeedEncryptionKeys {
    /** RFC 7518 §4.6 key agreement with a P-256 key, the CEK wrapped with AES-256 key wrap. */
    public static final JWEAlgorithm EC_ALGORITHM = JWEAlgorithm.ECDH_ES_A256KW;
    /** RFC 7518 §4.3 RSAES-OAEP with SHA-256 and MGF1 with SHA-256. */
    public static final JWEAlgorithm RSA_ALGORITHM = JWEAlgorithm.RSA_OAEP_256;
    /** The key management algorithms, EC first. */
    public static final List<JWEAlgorithm> ALGORITHMS = List.of(EC_ALGORITHM, RSA_ALGORITHM);
    /** The one content encryption algorithm. */
    public static final EncryptionMethod CONTENT_ENCRYPTION = EncryptionMethod.A256GCM;

    private FeedEncryptionKeys() {
    }

    /** Whether the key is declared for encryption ({@code "use": "enc"}). */
    public static boolean isEncryptionKey(JWK key) {
        return KeyUse.ENCRYPTION.equals(key.getKeyUse());
    }

    /** The key management algorithm this key is used with, or empty when it is not an acceptable key. */
    public static Optional<JWEAlgorithm> algorithmOf(JWK key) {
        JWEAlgorithm alg;
        if (key instanceof ECKey ec && Curve.P_256.equals(ec.getCurve())) {
            alg = EC_ALGORITHM;
        } else if (KeyType.RSA.equals(key.getKeyType()) && key.size() >= JwsAlgorithms.MIN_RSA_BITS) {
            alg = RSA_ALGORITHM;
        } else {
            return Optional.empty();
        }
        if (key.getAlgorithm() != null && !alg.getName().equals(key.getAlgorithm().getName())) {
            return Optional.empty();
        }
        return Optional.of(alg);
    }

    /**
     * Why this {@code enc} key is refused, or empty when it is acceptable: public, with a
     * {@code kid}, of an accepted type and size.
     */
    static Optional<String> problem(JWK key) {
        if (key.isPrivate()) {
            return Optional.of("contains private key material; publish public keys only");
        }
        if (key.getKeyID() == null || key.getKeyID().isEmpty()) {
            return Optional.of("needs a kid (the encrypted SET's header names it)");
        }
        if (algorithmOf(key).isEmpty()) {
            return Optional.of("is not an encryption key for ECDH-ES+A256KW (EC P-256) or RSA-OAEP-256 (RSA >= 2048 bits)");
        }
        return Optional.empty();
    }

    /** The acceptable encryption keys of a set, for example one fetched from a client's {@code jwks_uri}. */
    public static JWKSet of(JWKSet set) {
        return new JWKSet(set.getKeys().stream().filter(k -> isEncryptionKey(k) && problem(k).isEmpty()).toList());
    }

    /** The key to encrypt to: the first acceptable one (a business rotating keys lists its new key first). */
    public static Optional<JWK> choose(JWKSet set) {
        return of(set).getKeys().stream().findFirst();
    }
}
