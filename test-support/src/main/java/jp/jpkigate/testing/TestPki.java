package jp.jpkigate.testing;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A small PKI for TLS tests, built with BouncyCastle in memory: a CA (EC P-256) that issues server
 * certificates (for {@code 127.0.0.1} and {@code localhost}) and client certificates (extended key
 * usage {@code clientAuth}, a subject DN and optional subjectAltNames), plus self-signed
 * certificates. Everything is valid from a day before {@code now} for a year unless a test says
 * otherwise; PEM output is what Vert.x's {@code PemKeyCertOptions} and {@code PemTrustOptions} read.
 */
public final class TestPki {
    private static final AtomicLong SERIALS = new AtomicLong(System.nanoTime() & 0xffff_ffffL);

    private static final byte[] NEWLINE = "\n".getBytes(StandardCharsets.US_ASCII);

    /** A certificate with its key pair. */
    public record Issued(X509Certificate certificate, KeyPair keys) {
        /** The certificate as PEM. */
        public String certificatePem() {
            return pem(certificate);
        }

        /** The private key as PKCS#8 PEM. */
        public String keyPem() {
            return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, NEWLINE)
                    .encodeToString(keys.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        }
    }

    private final Issued ca;
    private final Instant now;

    private TestPki(Issued ca, Instant now) {
        this.ca = ca;
        this.now = now;
    }

    /** A new CA named {@code CN=<name>,O=JPKI Gate Test,C=JP}, valid around {@code now}. */
    public static TestPki create(String name, Instant now) {
        KeyPair keys = ecKeys();
        X500Name dn = name("CN=" + name + ",O=JPKI Gate Test,C=JP");
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = builder(dn, dn, keys, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(3650)))
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(keys.getPublic()));
            return new TestPki(new Issued(sign(builder, keys), keys), now);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The CA certificate. */
    public X509Certificate caCertificate() {
        return ca.certificate();
    }

    /** The CA certificate as PEM (a trust store or a client CA bundle). */
    public String caPem() {
        return pem(ca.certificate());
    }

    /** A TLS server certificate for {@code 127.0.0.1} and {@code localhost}. */
    public Issued server() {
        return issue("CN=localhost,O=JPKI Gate Test,C=JP", ecKeys(), KeyPurposeId.id_kp_serverAuth,
                new GeneralNames(new GeneralName[] {new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                        new GeneralName(GeneralName.dNSName, "localhost")}), now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)));
    }

    /** A client certificate ({@code clientAuth}) with this subject DN and subjectAltNames (may be none). */
    public Issued client(String subjectDn, GeneralName... subjectAltNames) {
        return client(subjectDn, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)), subjectAltNames);
    }

    /** A client certificate valid from {@code notBefore} to {@code notAfter}. */
    public Issued client(String subjectDn, Instant notBefore, Instant notAfter, GeneralName... subjectAltNames) {
        return issue(subjectDn, ecKeys(), KeyPurposeId.id_kp_clientAuth,
                subjectAltNames.length == 0 ? null : new GeneralNames(subjectAltNames), notBefore, notAfter);
    }

    /** A certificate for {@code keys} signed by those keys themselves. */
    public static Issued selfSigned(String subjectDn, KeyPair keys, Instant now) {
        X500Name dn = name(subjectDn);
        try {
            return new Issued(sign(builder(dn, dn, keys, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365))), keys), keys);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh EC P-256 key pair. */
    public static KeyPair ecKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A certificate as PEM. */
    public static String pem(X509Certificate certificate) {
        try {
            return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, NEWLINE)
                    .encodeToString(certificate.getEncoded()) + "\n-----END CERTIFICATE-----\n";
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Issued issue(String subjectDn, KeyPair keys, KeyPurposeId purpose, GeneralNames subjectAltNames,
                         Instant notBefore, Instant notAfter) {
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = builder(X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded()),
                    name(subjectDn), keys, notBefore, notAfter)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose))
                    .addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(ca.certificate()));
            if (subjectAltNames != null) {
                builder.addExtension(Extension.subjectAlternativeName, false, subjectAltNames);
            }
            return new Issued(sign(builder, ca.keys()), keys);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** An RFC 4514 name as X.500 orders it (BouncyCastle's own parser keeps the string's order, reversed). */
    private static X500Name name(String rfc4514) {
        return X500Name.getInstance(new X500Principal(rfc4514).getEncoded());
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys, Instant notBefore,
                                                    Instant notAfter) {
        return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIALS.incrementAndGet()), Date.from(notBefore),
                Date.from(notAfter), subject, keys.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer) throws Exception {
        String algorithm = signer.getPrivate().getAlgorithm().equals("EC") ? "SHA256withECDSA"
                : signer.getPrivate().getAlgorithm().startsWith("Ed") ? "Ed25519" : "SHA256withRSA";
        return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder(algorithm)
                .build(signer.getPrivate())));
    }
}
