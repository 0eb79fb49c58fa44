package jp.jpkigate.revocation.responder;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Makes the development responder identity of {@link OcspResponderIdentity#generateSelfSigned}. */
final class SelfSignedResponder {
    static final Duration VALIDITY = Duration.ofDays(365);
    /** The certificate starts a little before it is made, for clients with slow clocks. */
    static final Duration BACKDATE = Duration.ofHours(1);
    static final X500Name SUBJECT = new X500Name("CN=JPKI Gate OCSP Responder (development),O=JPKI Gate");

    private SelfSignedResponder() {
    }

    static OcspResponderIdentity generate(Instant now, SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", Bc.PROVIDER);
            generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            KeyPair keys = generator.generateKeyPair();
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(SUBJECT,
                    new BigInteger(63, random).setBit(62), Date.from(now.minus(BACKDATE)), Date.from(now.plus(VALIDITY)),
                    SUBJECT, keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_OCSPSigning))
                    .addExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nocheck, false, DERNull.INSTANCE)
                    .addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(keys.getPublic()));
            var signer = new JcaContentSignerBuilder("SHA256withECDSA").setProvider(Bc.PROVIDER).build(keys.getPrivate());
            var certificate = new JcaX509CertificateConverter().setProvider(Bc.PROVIDER)
                    .getCertificate(builder.build(signer));
            return OcspResponderIdentity.of(keys.getPrivate(), certificate);
        } catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException
                 | org.bouncycastle.cert.CertIOException e) {
            throw new IllegalStateException("cannot generate a development OCSP responder identity", e);
        }
    }
}
