package jp.jpkigate.idp.jpki;

import java.math.BigInteger;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import jp.jpkigate.sim.ca.CertificateIssuer;
import jp.jpkigate.sim.ca.SimCa;
import jp.jpkigate.sim.ca.SimNames;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;

/** Certificates outside what the simulator issues, built with BouncyCastle and signed by a simulated CA. */
final class CraftedCertificates {
    private static final AtomicLong SERIALS = new AtomicLong(0x7000_0000L);

    private CraftedCertificates() {
    }

    /** Profile knobs: policy OID, key usage bits and criticality, optional raw subjectAltName extension. */
    record Spec(String policyOid, int keyUsage, boolean keyUsageCritical, byte[] subjectAltNameDer, PublicKey subjectKey) {
        static Spec signatureCard(PublicKey key) {
            return new Spec(PolicyOids.SIGNATURE_CARD, KeyUsage.digitalSignature | KeyUsage.nonRepudiation, true, null, key);
        }

        Spec withPolicy(String oid) {
            return new Spec(oid, keyUsage, keyUsageCritical, subjectAltNameDer, subjectKey);
        }

        Spec withKeyUsage(int bits, boolean critical) {
            return new Spec(policyOid, bits, critical, subjectAltNameDer, subjectKey);
        }

        Spec withSubjectAltName(byte[] generalNamesDer) {
            return new Spec(policyOid, keyUsage, keyUsageCritical, generalNamesDer, subjectKey);
        }
    }

    static X509Certificate craft(SimCa ca, Spec spec, BigInteger serial) {
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(SimNames.caName(ca.kind()), serial,
                    Date.from(SimPki.NOT_BEFORE), Date.from(SimPki.NOT_AFTER), new X500Name("C=JP,CN=CRAFTED" + serial),
                    spec.subjectKey())
                    .addExtension(Extension.keyUsage, spec.keyUsageCritical(), new KeyUsage(spec.keyUsage()))
                    .addExtension(Extension.certificatePolicies, false, new CertificatePolicies(
                            new PolicyInformation(new ASN1ObjectIdentifier(spec.policyOid()))))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            utils.createAuthorityKeyIdentifier(ca.certificate().getPublicKey()));
            if (spec.subjectAltNameDer() != null) {
                builder.addExtension(Extension.subjectAlternativeName, false, spec.subjectAltNameDer());
            }
            return CertificateIssuer.sign(builder, ca.keyPair().getPrivate(), ca.algorithm());
        } catch (Exception e) {
            throw new IllegalStateException("cannot craft certificate", e);
        }
    }

    static X509Certificate craft(SimCa ca, Spec spec) {
        return craft(ca, spec, BigInteger.valueOf(SERIALS.incrementAndGet()));
    }
}
