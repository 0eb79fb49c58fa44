package jp.jpkigate.sim.card;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.DigestInfo;
import jp.jpkigate.sim.ca.Providers;

/**
 * The card's private-key operation behind SIGN ({@code 80 2A 00 80}).
 *
 * <ul>
 *   <li>RSA [V]: the card applies PKCS#1 v1.5 type-1 padding to whatever it is given (a
 *       DigestInfo from a well-behaved caller) and returns the 256-byte result, so the result
 *       equals {@code SHA256withRSA} over the caller's original bytes.</li>
 *   <li>ECDSA P-384 [I]: the next-generation card's command is not public. The simulator accepts
 *       the same kind of input, a DER DigestInfo (SHA-384 expected; SHA-256 and SHA-512 accepted),
 *       signs the bare hash ({@code NONEwithECDSA}) and returns the DER {@code ECDSA-Sig-Value},
 *       which verifies as {@code SHA384withECDSA} over the original bytes.</li>
 * </ul>
 */
final class CardSigner {
    private CardSigner() {
    }

    /** Signs; throws IllegalArgumentException for input the key cannot sign (answer {@code 6A 80}). */
    static byte[] sign(PrivateKey key, byte[] input) {
        try {
            if ("RSA".equals(key.getAlgorithm())) {
                Signature rsa = Signature.getInstance("NONEwithRSA", Providers.BC);
                rsa.initSign(key);
                rsa.update(input);
                return rsa.sign();
            }
            Signature ecdsa = Signature.getInstance("NONEwithECDSA", Providers.BC);
            ecdsa.initSign(key);
            ecdsa.update(digestOf(input));
            return ecdsa.sign();
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            throw new IllegalArgumentException("the card cannot sign this input", e);
        }
    }

    private static byte[] digestOf(byte[] input) throws IOException {
        ASN1Primitive parsed = ASN1Primitive.fromByteArray(input);
        if (!Arrays.equals(parsed.getEncoded("DER"), input)) {
            throw new IOException("DigestInfo is not DER");
        }
        DigestInfo info = DigestInfo.getInstance(parsed);
        int length = info.getDigest().length;
        if (length != 32 && length != 48 && length != 64) {
            throw new IOException("unexpected digest length " + length);
        }
        return info.getDigest();
    }
}
