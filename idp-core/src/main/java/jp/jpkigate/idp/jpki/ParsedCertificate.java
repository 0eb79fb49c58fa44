package jp.jpkigate.idp.jpki;

import java.io.ByteArrayInputStream;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * A subscriber certificate decoded once, strictly: DER only (RFC 5280 section 4.1 requires DER),
 * signatureAlgorithm equal to tbsCertificate.signature (section 4.1.1.2), version 3, and the
 * extensions the verifier reads (authority key identifier, key usage, certificate policies)
 * decodable. Any failure here is {@link JpkiError#MALFORMED_CERTIFICATE}.
 *
 * @param holder          the BouncyCastle view (exact TBS bytes for the chain signature)
 * @param certificate     the JCA view returned to callers
 * @param authorityKeyId  the AKI keyIdentifier as upper-case hex, if present
 * @param keyUsage        the key usage extension, if present
 * @param keyUsageCritical whether the key usage extension is marked critical
 * @param policies        the certificate policy OIDs
 * @param subjectKey      the subject key as the signature check uses it ({@link CardSignatureAlgorithm#subjectKey}),
 *                        empty when it cannot be decoded
 */
record ParsedCertificate(X509CertificateHolder holder, X509Certificate certificate, Optional<String> authorityKeyId,
                         Optional<KeyUsage> keyUsage, boolean keyUsageCritical, Set<String> policies,
                         Optional<PublicKey> subjectKey) {
    /** Certificates on a JPKI card are about 1.5 KB; anything far larger is not one. */
    static final int MAX_CERTIFICATE_BYTES = 16 * 1024;

    static ParsedCertificate parse(byte[] der) throws JpkiVerificationException {
        if (der.length == 0 || der.length > MAX_CERTIFICATE_BYTES) {
            throw malformed("the certificate is " + der.length + " bytes long (expected 1 to "
                    + MAX_CERTIFICATE_BYTES + ")", null);
        }
        try {
            Certificate structure = Certificate.getInstance(ASN1Primitive.fromByteArray(der));
            if (!Arrays.equals(structure.getEncoded(ASN1Encoding.DER), der)) {
                throw malformed("the certificate is not DER encoded", null);
            }
            if (!structure.getSignatureAlgorithm().equals(structure.getTBSCertificate().getSignature())) {
                throw malformed("signatureAlgorithm differs from the algorithm inside tbsCertificate", null);
            }
            if (structure.getVersionNumber() != 3) {
                throw malformed("the certificate is X.509 version " + structure.getVersionNumber() + ", not 3", null);
            }
            X509CertificateHolder holder = new X509CertificateHolder(structure);
            Extensions extensions = holder.getExtensions();
            if (extensions == null) {
                throw malformed("the certificate has no extensions", null);
            }
            AuthorityKeyIdentifier aki = AuthorityKeyIdentifier.fromExtensions(extensions);
            Optional<String> akiHex = Optional.ofNullable(aki == null ? null : aki.getKeyIdentifierOctets())
                    .map(TrustAnchor::hex);
            Extension keyUsageExtension = extensions.getExtension(Extension.keyUsage);
            Optional<KeyUsage> keyUsage = Optional.ofNullable(KeyUsage.fromExtensions(extensions));
            CertificatePolicies policies = CertificatePolicies.fromExtensions(extensions);
            Set<String> policyOids = policies == null ? Set.of() : Set.copyOf(Arrays.stream(policies.getPolicyInformation())
                    .map(PolicyInformation::getPolicyIdentifier).map(oid -> oid.getId()).toList());
            // From the bytes checked to be DER above (the holder would be encoded once more).
            X509Certificate jca = (X509Certificate) CertificateFactory.getInstance("X.509", CryptoProvider.BC)
                    .generateCertificate(new ByteArrayInputStream(der));
            return new ParsedCertificate(holder, jca, akiHex, keyUsage,
                    keyUsageExtension != null && keyUsageExtension.isCritical(), policyOids,
                    CardSignatureAlgorithm.subjectKey(holder.getSubjectPublicKeyInfo(), jca));
        } catch (JpkiVerificationException e) {
            throw e;
        } catch (CertificateException | java.io.IOException | RuntimeException | StackOverflowError e) {
            throw malformed("the bytes are not a decodable X.509 certificate (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    /** Critical extensions of the certificate (RFC 5280 section 4.2: unrecognised ones must be rejected). */
    List<String> criticalExtensionOids() {
        return Arrays.stream(holder.getExtensions().getCriticalExtensionOIDs()).map(oid -> oid.getId()).toList();
    }

    private static JpkiVerificationException malformed(String detail, Throwable cause) {
        return new JpkiVerificationException(JpkiError.MALFORMED_CERTIFICATE, detail, cause);
    }
}
