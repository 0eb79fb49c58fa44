package jp.jpkigate.idp.jpki;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * One trusted JPKI root certificate. All generations of a hierarchy share one DN, so a root is
 * identified by its key: the subjectKeyIdentifier (RFC 5280 section 4.2.1.2) and the SHA-1 hash of
 * its subjectPublicKey BIT STRING (method (1) of that section), both as upper-case hex.
 *
 * @param id                   {@code <set>:<name>}, e.g. {@code jlis:sign_ca_2023}
 * @param certificate          the root certificate
 * @param sha256Fingerprint    SHA-256 of the DER certificate, upper-case hex
 * @param subjectKeyIdentifier the SKI extension value, or "" when absent
 * @param keyHash              SHA-1 of the subjectPublicKey bits
 */
public record TrustAnchor(String id, X509Certificate certificate, String sha256Fingerprint,
                          String subjectKeyIdentifier, String keyHash) {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    public TrustAnchor {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(sha256Fingerprint, "sha256Fingerprint");
        Objects.requireNonNull(subjectKeyIdentifier, "subjectKeyIdentifier");
        Objects.requireNonNull(keyHash, "keyHash");
    }

    /**
     * Describes a root certificate, checking that it can act as one: basicConstraints cA
     * (RFC 5280 section 4.2.1.9) and, when a key usage is present, keyCertSign (section 4.2.1.3).
     *
     * @throws IllegalArgumentException when the certificate is not a usable CA certificate
     */
    public static TrustAnchor of(String id, X509Certificate certificate) {
        if (certificate.getBasicConstraints() < 0) {
            throw new IllegalArgumentException("trust anchor " + id + " is not a CA certificate (no basicConstraints cA)");
        }
        boolean[] keyUsage = certificate.getKeyUsage();
        if (keyUsage != null && (keyUsage.length < 6 || !keyUsage[5])) {
            throw new IllegalArgumentException("trust anchor " + id + " may not sign certificates (no keyCertSign)");
        }
        try {
            byte[] der = certificate.getEncoded();
            SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(certificate.getPublicKey().getEncoded());
            byte[] keyBits = spki.getPublicKeyData().getBytes();
            byte[] skiExtension = certificate.getExtensionValue("2.5.29.14");
            String ski = skiExtension == null ? ""
                    : HEX.formatHex(SubjectKeyIdentifier.getInstance(
                            ASN1OctetString.getInstance(skiExtension).getOctets()).getKeyIdentifier());
            return new TrustAnchor(id, certificate, hex("SHA-256", der), ski, hex("SHA-1", keyBits));
        } catch (CertificateEncodingException | RuntimeException e) {
            throw new IllegalArgumentException("trust anchor " + id + " cannot be read", e);
        }
    }

    /** True when RFC 5280 section 4.1.2.5 validity covers {@code instant} (both bounds inclusive). */
    public boolean validAt(Instant instant) {
        return !instant.isBefore(certificate.getNotBefore().toInstant())
                && !instant.isAfter(certificate.getNotAfter().toInstant());
    }

    /**
     * The certificates this root may issue, read from the hierarchy OU of its subject DN
     * ({@code OU=JPKI for digital signature} / {@code OU=JPKI for user authentication}); empty when
     * the DN names neither, in which case the root is not tied to one purpose.
     */
    public java.util.Optional<JpkiCertificateType.Purpose> hierarchy() {
        String dn = certificate.getSubjectX500Principal().getName(javax.security.auth.x500.X500Principal.RFC2253);
        if (dn.contains("OU=JPKI for digital signature")) {
            return java.util.Optional.of(JpkiCertificateType.Purpose.SIGNATURE);
        }
        if (dn.contains("OU=JPKI for user authentication")) {
            return java.util.Optional.of(JpkiCertificateType.Purpose.AUTHENTICATION);
        }
        return java.util.Optional.empty();
    }

    /** True when an authority key identifier names this root's key (by SKI or by key hash). */
    boolean hasKeyIdentifier(String keyIdentifierHex) {
        return keyIdentifierHex.equals(keyHash)
                || (!subjectKeyIdentifier.isEmpty() && keyIdentifierHex.equals(subjectKeyIdentifier));
    }

    static String hex(String digest, byte[] data) {
        try {
            return HEX.formatHex(MessageDigest.getInstance(digest, CryptoProvider.BC).digest(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(digest + " is not available", e);
        }
    }

    static String hex(byte[] data) {
        return HEX.formatHex(data);
    }

    @Override
    public String toString() {
        return id + " (SHA-256 " + sha256Fingerprint + ")";
    }
}
