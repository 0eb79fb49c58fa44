package jp.jpkigate.sim.ocsp;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import jp.jpkigate.sim.ca.CertificateIssuer;
import jp.jpkigate.sim.ca.SimCa;
import jp.jpkigate.sim.ca.SimNames;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;

/**
 * A delegated OCSP responder of one CA generation (RFC 6960 4.2.2.2): a certificate issued by that CA
 * with extendedKeyUsage id-kp-OCSPSigning, and id-pkix-ocsp-nocheck (RFC 6960 4.2.2.2.1) so clients
 * do not ask about the responder's own certificate; short-lived instead.
 *
 * @param ca          the CA generation it answers for
 * @param certificate the delegated responder certificate, included in every response
 * @param keyPair     its key, of the CA's algorithm
 */
public record OcspSigner(SimCa ca, X509Certificate certificate, KeyPair keyPair) {
    /** Validity of a delegated responder certificate. */
    public static final Duration DEFAULT_VALIDITY = Duration.ofDays(2);
    /** The certificate starts a little before it is issued, for clients with slow clocks. */
    static final Duration BACKDATE = Duration.ofHours(1);

    public OcspSigner {
        Objects.requireNonNull(ca, "ca");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(keyPair, "keyPair");
    }

    /** Issues a new responder key and certificate from {@code ca}, valid from {@code now - 1h} to {@code now + validity}. */
    public static OcspSigner issue(SimCa ca, Instant now, Duration validity, SecureRandom random) {
        KeyPair keys = ca.algorithm().generateKeyPair(random);
        X500Name issuer = X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded());
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, "JP")
                .addRDN(BCStyle.O, SimNames.ORGANIZATION)
                .addRDN(BCStyle.OU, ca.kind().organizationalUnit())
                .addRDN(BCStyle.CN, "OCSP Responder " + ca.id())
                .build();
        Instant notAfter = now.plus(validity);
        if (notAfter.isAfter(ca.certificate().getNotAfter().toInstant())) {
            notAfter = ca.certificate().getNotAfter().toInstant();
        }
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                    new BigInteger(63, random).setBit(62), Date.from(now.minus(BACKDATE)), Date.from(notAfter), subject,
                    keys.getPublic())
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_OCSPSigning))
                    .addExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nocheck, false, DERNull.INSTANCE)
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            utils.createAuthorityKeyIdentifier(ca.certificate().getPublicKey()))
                    .addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(keys.getPublic()));
            return new OcspSigner(ca, CertificateIssuer.sign(builder, ca.keyPair().getPrivate(), ca.algorithm()), keys);
        } catch (CertIOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot issue the OCSP responder certificate of " + ca.id(), e);
        }
    }

    /** Whether the certificate is valid from {@code from} through {@code until}. */
    public boolean covers(Instant from, Instant until) {
        return !from.isBefore(certificate.getNotBefore().toInstant())
                && !until.isAfter(certificate.getNotAfter().toInstant());
    }
}
