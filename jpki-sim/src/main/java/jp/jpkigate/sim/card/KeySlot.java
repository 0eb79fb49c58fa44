package jp.jpkigate.sim.card;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.Objects;
import jp.jpkigate.sim.ca.CaKind;
import jp.jpkigate.sim.ca.KeyAlgorithm;

/**
 * One key of the JPKI application with what belongs to it: its certificate, the issuing CA's
 * certificate, the private key and the secret guarding it with its tries counter. Mutable: the
 * registry replaces certificate and key on a reissue, VERIFY spends tries.
 */
public final class KeySlot {
    private final CaKind kind;
    private X509Certificate certificate;
    private X509Certificate caCertificate;
    private KeyPair keyPair;
    private final String secret;
    private int triesLeft;

    public KeySlot(CaKind kind, X509Certificate certificate, X509Certificate caCertificate, KeyPair keyPair,
                   String secret, int triesLeft) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.certificate = Objects.requireNonNull(certificate, "certificate");
        this.caCertificate = Objects.requireNonNull(caCertificate, "caCertificate");
        this.keyPair = Objects.requireNonNull(keyPair, "keyPair");
        this.secret = SecretPolicy.of(kind).requireValid(secret);
        if (triesLeft < 0 || triesLeft > policy().maxTries()) {
            throw new IllegalArgumentException("tries left must be 0.." + policy().maxTries());
        }
        this.triesLeft = triesLeft;
    }

    /** A fresh slot with a full tries counter. */
    public static KeySlot fresh(CaKind kind, X509Certificate certificate, X509Certificate caCertificate,
                                KeyPair keyPair, String secret) {
        return new KeySlot(kind, certificate, caCertificate, keyPair, secret, SecretPolicy.of(kind).maxTries());
    }

    public CaKind kind() {
        return kind;
    }

    public SecretPolicy policy() {
        return SecretPolicy.of(kind);
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public X509Certificate caCertificate() {
        return caCertificate;
    }

    public KeyPair keyPair() {
        return keyPair;
    }

    /** The key's algorithm, told by the private key's type. */
    public KeyAlgorithm algorithm() {
        return "RSA".equals(keyPair.getPrivate().getAlgorithm()) ? KeyAlgorithm.RSA_2048 : KeyAlgorithm.EC_P384;
    }

    /** The secret itself; package-private so only the card and its file see it. */
    String secret() {
        return secret;
    }

    public int triesLeft() {
        return triesLeft;
    }

    public boolean locked() {
        return triesLeft == 0;
    }

    void setTriesLeft(int triesLeft) {
        this.triesLeft = triesLeft;
    }

    /** Puts a newly issued certificate and its key in the slot (reissue on the same card). */
    public void replace(X509Certificate newCertificate, X509Certificate newCaCertificate, KeyPair newKeyPair) {
        this.certificate = Objects.requireNonNull(newCertificate, "certificate");
        this.caCertificate = Objects.requireNonNull(newCaCertificate, "caCertificate");
        this.keyPair = Objects.requireNonNull(newKeyPair, "keyPair");
    }
}
