package jp.jpkigate.idp.jpki;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * How a card signs, chosen from the certificate's key (never from the request): today's cards use
 * RSA-2048 with PKCS#1 v1.5 over the SHA-256 DigestInfo of the signed bytes, which is exactly
 * {@code SHA256withRSA}; next-generation cards are reported to use ECDSA P-384 with SHA-384 and a
 * DER signature, i.e. {@code SHA384withECDSA}. Verification goes through BouncyCastle, passed
 * explicitly.
 */
enum CardSignatureAlgorithm {
    RSA_PKCS1_SHA256("SHA256withRSA"),
    ECDSA_P384_SHA384("SHA384withECDSA");

    /** The smallest RSA modulus accepted; JPKI cards use 2048 bits. */
    static final int MIN_RSA_BITS = 2048;
    private static final int MAX_RSA_BITS = 8192;

    private final String jcaName;

    CardSignatureAlgorithm(String jcaName) {
        this.jcaName = jcaName;
    }

    /** The algorithm for a subscriber key (RFC 5280 section 4.1.2.7), empty when the key is not one a card uses. */
    static Optional<CardSignatureAlgorithm> forKey(SubjectPublicKeyInfo keyInfo, PublicKey key) {
        try {
            ASN1ObjectIdentifier algorithm = keyInfo.getAlgorithm().getAlgorithm();
            if (PKCSObjectIdentifiers.rsaEncryption.equals(algorithm) && key instanceof RSAPublicKey rsa) {
                int bits = rsa.getModulus().bitLength();
                return bits >= MIN_RSA_BITS && bits <= MAX_RSA_BITS ? Optional.of(RSA_PKCS1_SHA256) : Optional.empty();
            }
            if (X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm)
                    && SECObjectIdentifiers.secp384r1.equals(keyInfo.getAlgorithm().getParameters())) {
                return Optional.of(ECDSA_P384_SHA384);
            }
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** True when {@code signature} is this algorithm's valid signature of {@code data} under {@code key}. */
    boolean verifies(PublicKey key, byte[] data, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance(jcaName, CryptoProvider.BC);
            verifier.initVerify(key);
            verifier.update(data);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            // A signature value that is not even decodable (wrong length, bad DER) is simply not valid.
            return false;
        }
    }

    String jcaName() {
        return jcaName;
    }
}
