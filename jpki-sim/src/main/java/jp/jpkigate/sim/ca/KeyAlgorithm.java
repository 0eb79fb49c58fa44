package jp.jpkigate.sim.ca;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;

/**
 * Key and signature algorithms of JPKI cards and CAs. Today's cards use RSA-2048 with
 * sha256WithRSAEncryption; next-generation cards are reported to move to ECDSA P-384 / SHA-384.
 */
public enum KeyAlgorithm {
    RSA_2048("SHA256withRSA", "SHA-256"),
    EC_P384("SHA384withECDSA", "SHA-384");

    private final String signatureAlgorithm;
    private final String digestAlgorithm;

    KeyAlgorithm(String signatureAlgorithm, String digestAlgorithm) {
        this.signatureAlgorithm = signatureAlgorithm;
        this.digestAlgorithm = digestAlgorithm;
    }

    /** JCA name of the certificate / card signature algorithm. */
    public String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    /** JCA name of the digest a signer hashes with. */
    public String digestAlgorithm() {
        return digestAlgorithm;
    }

    public KeyPair generateKeyPair(SecureRandom random) {
        try {
            KeyPairGenerator generator;
            if (this == RSA_2048) {
                generator = KeyPairGenerator.getInstance("RSA", Providers.BC);
                generator.initialize(new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4), random);
            } else {
                generator = KeyPairGenerator.getInstance("EC", Providers.BC);
                generator.initialize(new ECGenParameterSpec("secp384r1"), random);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a " + this + " key pair", e);
        }
    }

    /** Parses "rsa" / "rsa2048" / "ec" / "p384" (CLI spelling) or the enum name. */
    public static KeyAlgorithm parse(String value) {
        switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "rsa": case "rsa2048": case "rsa_2048": return RSA_2048;
            case "ec": case "p384": case "ec_p384": case "ecdsa": return EC_P384;
            default: throw new IllegalArgumentException("unknown key algorithm '" + value + "' (expected rsa2048 or p384)");
        }
    }
}
