package jp.jpkigate.revocation.cache;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import jp.jpkigate.revocation.service.IssuerKey;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/** Key identifiers that name a CA generation (RFC 5280 sections 4.2.1.1 and 4.2.1.2). */
public final class IssuerKeys {
    private IssuerKeys() {
    }

    /**
     * The key of the CA that issued {@code certificate}: the keyIdentifier of its
     * AuthorityKeyIdentifier, empty when absent or malformed.
     */
    public static Optional<IssuerKey> issuerOf(X509Certificate certificate) {
        byte[] ext = certificate.getExtensionValue(Extension.authorityKeyIdentifier.getId());
        if (ext == null) {
            return Optional.empty();
        }
        try {
            byte[] keyId = AuthorityKeyIdentifier.getInstance(ASN1OctetString.getInstance(ext).getOctets())
                    .getKeyIdentifierOctets();
            return keyId == null || keyId.length == 0 ? Optional.empty() : Optional.of(IssuerKey.of(keyId));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The key of a CA certificate: its SubjectKeyIdentifier, or, when absent, the SHA-1 of its
     * subjectPublicKey bit string (method (1) of RFC 5280 section 4.2.1.2).
     */
    public static IssuerKey keyOf(X509Certificate ca) {
        byte[] ext = ca.getExtensionValue(Extension.subjectKeyIdentifier.getId());
        if (ext != null) {
            byte[] inner = ASN1OctetString.getInstance(ext).getOctets();
            return IssuerKey.of(ASN1OctetString.getInstance(inner).getOctets());
        }
        try {
            byte[] key = SubjectPublicKeyInfo.getInstance(ca.getPublicKey().getEncoded()).getPublicKeyData().getBytes();
            return IssuerKey.of(MessageDigest.getInstance("SHA-1").digest(key));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
