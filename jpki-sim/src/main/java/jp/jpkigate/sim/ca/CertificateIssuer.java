package jp.jpkigate.sim.ca;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Issues certificates in the JPKI profiles of shared/jpki/JPKI.md. */
public final class CertificateIssuer {
    private CertificateIssuer() {
    }

    /** A subscriber certificate (signature or user authentication, card or phone). */
    public static X509Certificate issue(IssueRequest request) {
        SimCa ca = request.ca();
        CertificateType type = request.type();
        X500Name subject = type.carriesFourInfo()
                ? SimNames.signatureSubject(request.municipality(), request.subjectId())
                : SimNames.authSubject(request.subjectId());
        int keyUsage = type.carriesFourInfo()
                ? KeyUsage.digitalSignature | KeyUsage.nonRepudiation
                : KeyUsage.digitalSignature;
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(SimNames.caName(ca.kind()),
                    request.serial(), Date.from(request.notBefore()), Date.from(request.notAfter()), subject,
                    request.subjectKey())
                    .addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage))
                    .addExtension(Extension.certificatePolicies, false, new CertificatePolicies(
                            new PolicyInformation(new ASN1ObjectIdentifier(type.policyOid()))))
                    .addExtension(Extension.cRLDistributionPoints, false,
                            crlDistributionPoint(request.municipality(), ca.kind()))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            utils.createAuthorityKeyIdentifier(ca.certificate().getPublicKey()))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            utils.createSubjectKeyIdentifier(request.subjectKey()));
            if (type.carriesFourInfo()) {
                builder.addExtension(Extension.subjectAlternativeName, false, fourInfoNames(request.fourInfo()));
            }
            return sign(builder, ca.keyPair().getPrivate(), ca.algorithm());
        } catch (CertIOException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot build certificate", e);
        }
    }

    /**
     * The basic 4 information as subjectAltName otherNames {@code [0] { OID, [0] EXPLICIT UTF8String }},
     * in the order seen on real cards: name, birth date, gender, address, name map, address map.
     */
    static GeneralNames fourInfoNames(FourInfo info) {
        return new GeneralNames(new GeneralName[] {
            otherName(JpkiOids.NAME, info.name()),
            otherName(JpkiOids.BIRTH_DATE, info.birthDate()),
            otherName(JpkiOids.GENDER, info.gender()),
            otherName(JpkiOids.ADDRESS, info.address()),
            otherName(JpkiOids.NAME_MAP, info.nameMap()),
            otherName(JpkiOids.ADDRESS_MAP, info.addressMap()),
        });
    }

    private static GeneralName otherName(ASN1ObjectIdentifier oid, String value) {
        return new GeneralName(GeneralName.otherName,
                new DERSequence(new ASN1Encodable[] {oid, new DERTaggedObject(true, 0, new DERUTF8String(value))}));
    }

    private static CRLDistPoint crlDistributionPoint(Municipality municipality, CaKind kind) {
        GeneralNames names = new GeneralNames(new GeneralName(municipality.crlDistributionPoint(kind)));
        return new CRLDistPoint(new DistributionPoint[] {
            new DistributionPoint(new DistributionPointName(names), null, null)
        });
    }

    static X509Certificate selfSignedRoot(CaKind kind, KeyAlgorithm algorithm, KeyPair keys, BigInteger serial,
                                          Instant notBefore, Instant notAfter) {
        X500Name name = SimNames.caName(kind);
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial, Date.from(notBefore),
                    Date.from(notAfter), name, keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(keys.getPublic()));
            return sign(builder, keys.getPrivate(), algorithm);
        } catch (CertIOException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot build root certificate", e);
        }
    }

    /** Signs with the CA's algorithm; {@code delegate} certificates such as an OCSP signer reuse this. */
    public static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey caKey, KeyAlgorithm algorithm) {
        try {
            ContentSigner signer = new JcaContentSignerBuilder(algorithm.signatureAlgorithm())
                    .setProvider(Providers.BC).build(caKey);
            return new JcaX509CertificateConverter().setProvider(Providers.BC).getCertificate(builder.build(signer));
        } catch (OperatorCreationException | CertificateException e) {
            throw new IllegalStateException("cannot sign certificate", e);
        }
    }

    /** Convenience for tests and tools: the key identifier a subscriber's AKI names. */
    public static byte[] keyIdentifier(PublicKey key) {
        try {
            return new JcaX509ExtensionUtils().createSubjectKeyIdentifier(key).getKeyIdentifier();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
