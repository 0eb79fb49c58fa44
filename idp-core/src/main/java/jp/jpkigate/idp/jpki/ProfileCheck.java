package jp.jpkigate.idp.jpki;

import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;

/**
 * Checks a chained certificate against the JPKI subscriber profile and classifies it:
 * <ol>
 * <li>certificate policies (RFC 5280 section 4.2.1.4): exactly one configured JPKI policy gives the
 *     type; none (or several) is {@link JpkiError#POLICY_MISMATCH};</li>
 * <li>a type the caller did not ask for is {@link JpkiError#WRONG_CERTIFICATE_TYPE};</li>
 * <li>not a CA (section 4.2.1.9), no unrecognised critical extension (section 4.2), a critical key
 *     usage (section 4.2.1.3) with digitalSignature, plus nonRepudiation for signature certificates,
 *     and a key a card uses (RSA of at least 2048 bits or EC P-384): otherwise POLICY_MISMATCH.</li>
 * </ol>
 */
final class ProfileCheck {
    /** Critical extensions this verifier processes or that carry no constraint it must enforce. */
    private static final Set<String> RECOGNISED_CRITICAL = Set.of(
            Extension.keyUsage.getId(),
            Extension.basicConstraints.getId(),
            Extension.certificatePolicies.getId(),
            Extension.subjectAlternativeName.getId(),
            Extension.authorityKeyIdentifier.getId(),
            Extension.subjectKeyIdentifier.getId(),
            Extension.cRLDistributionPoints.getId());

    private ProfileCheck() {
    }

    static JpkiCertificateType classify(ParsedCertificate certificate, ExpectedType expected, PolicyOids policies)
            throws JpkiVerificationException {
        List<JpkiCertificateType> types = policies.typesIn(certificate.policies());
        if (types.isEmpty()) {
            throw mismatch("the certificate carries no configured JPKI certificate policy (policies present: "
                    + certificate.policies() + ")");
        }
        if (types.size() > 1) {
            throw mismatch("the certificate carries the JPKI policies of several types " + types);
        }
        JpkiCertificateType type = types.get(0);
        if (!expected.accepts(type)) {
            throw new JpkiVerificationException(JpkiError.WRONG_CERTIFICATE_TYPE,
                    "a " + type + " certificate was presented where " + expected + " is expected");
        }
        checkProfile(certificate, type);
        return type;
    }

    private static void checkProfile(ParsedCertificate certificate, JpkiCertificateType type)
            throws JpkiVerificationException {
        BasicConstraints constraints = BasicConstraints.fromExtensions(certificate.holder().getExtensions());
        if (constraints != null && constraints.isCA()) {
            throw mismatch("a CA certificate is not a subscriber certificate");
        }
        for (String oid : certificate.criticalExtensionOids()) {
            if (!RECOGNISED_CRITICAL.contains(oid)) {
                throw mismatch("the certificate has an unrecognised critical extension " + oid);
            }
        }
        KeyUsage keyUsage = certificate.keyUsage().orElseThrow(() -> mismatch("the certificate has no key usage"));
        if (!certificate.keyUsageCritical()) {
            throw mismatch("the key usage extension is not marked critical");
        }
        if (!keyUsage.hasUsages(KeyUsage.digitalSignature)) {
            throw mismatch("the key usage lacks digitalSignature");
        }
        if (type.isSignature() && !keyUsage.hasUsages(KeyUsage.nonRepudiation)) {
            throw mismatch("the key usage of a signature certificate lacks nonRepudiation");
        }
        if (certificate.subjectKey().flatMap(key -> CardSignatureAlgorithm.forKey(certificate.holder().getSubjectPublicKeyInfo(),
                key)).isEmpty()) {
            throw mismatch("the subject key is neither RSA of at least " + CardSignatureAlgorithm.MIN_RSA_BITS
                    + " bits nor EC P-384 (algorithm " + certificate.holder().getSubjectPublicKeyInfo().getAlgorithm()
                    .getAlgorithm() + ")");
        }
    }

    private static JpkiVerificationException mismatch(String detail) {
        return new JpkiVerificationException(JpkiError.POLICY_MISMATCH, detail);
    }
}
