package jp.jpkigate.idp.jpki;

import java.math.BigInteger;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.Date;
import jp.jpkigate.sim.ca.CertificateIssuer;
import jp.jpkigate.sim.ca.SimCa;
import jp.jpkigate.sim.ca.SimNames;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;

/** An attacker's CA that copies a configured root's DN and key identifier but signs with its own key. */
record SimCaWithBorrowedName(SimCa attacker, SimCa victim) {
    static SimCaWithBorrowedName of(SimCa attacker, SimCa victim) {
        return new SimCaWithBorrowedName(attacker, victim);
    }

    X509Certificate issueSignatureCard(PublicKey subjectKey) {
        try {
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(SimNames.caName(victim.kind()),
                    BigInteger.valueOf(0x6666), Date.from(SimPki.NOT_BEFORE), Date.from(SimPki.NOT_AFTER),
                    new X500Name("C=JP,CN=FORGED"), subjectKey);
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation))
                    .addExtension(Extension.certificatePolicies, false, new CertificatePolicies(
                            new PolicyInformation(new ASN1ObjectIdentifier(PolicyOids.SIGNATURE_CARD))))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(victim.certificate().getPublicKey()));
            return CertificateIssuer.sign(builder, attacker.keyPair().getPrivate(), attacker.algorithm());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
