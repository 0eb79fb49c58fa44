package jp.jpkigate.revocation.responder;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Objects;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * The key and certificate the gateway signs OCSP responses with. The gateway is not J-LIS and cannot
 * get a certificate delegated by a J-LIS CA, so this is "a locally configured authorized responder"
 * (RFC 6960 4.2.2.2, first case: "Matches a local configuration of OCSP signing authority for the
 * certificate in question"): relying parties trust its certificate explicitly, e.g.
 * {@code openssl ocsp -VAfile responder.pem}. Responses name it by key (RFC 6960 4.2.2.3,
 * {@code ResponderID byKey}: SHA-1 of the subjectPublicKey value) and include the certificate.
 *
 * <p>Production loads PEM files ({@link #load}, {@link #fromPem}); development generates one
 * ({@link #generateSelfSigned}). RSA and EC keys are accepted; EC P-256 is the fast choice
 * (signing stays on the event loop).
 */
public final class OcspResponderIdentity {
    private final PrivateKey privateKey;
    private final X509Certificate certificate;
    private final String signatureAlgorithm;
    private final X509CertificateHolder certificateHolder;
    private final RespID responderId;

    private OcspResponderIdentity(PrivateKey privateKey, X509Certificate certificate) throws Exception {
        this.privateKey = privateKey;
        this.certificate = certificate;
        this.signatureAlgorithm = signatureAlgorithm(certificate);
        this.certificateHolder = new X509CertificateHolder(certificate.getEncoded());
        this.responderId = new RespID(SubjectPublicKeyInfo.getInstance(certificate.getPublicKey().getEncoded()),
                new JcaDigestCalculatorProviderBuilder().setProvider(Bc.PROVIDER).build().get(CertificateID.HASH_SHA1));
        proveKeyMatches();
    }

    /**
     * An identity from a key and its certificate; {@link IllegalArgumentException} if the key does not
     * belong to the certificate or is neither RSA nor EC.
     */
    public static OcspResponderIdentity of(PrivateKey privateKey, X509Certificate certificate) {
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(certificate, "certificate");
        try {
            return new OcspResponderIdentity(privateKey, certificate);
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalArgumentException("unusable OCSP responder key or certificate: " + e.getMessage(), e);
        }
    }

    /** From PEM text: a CERTIFICATE, and a PRIVATE KEY (PKCS#8) or EC / RSA PRIVATE KEY (unencrypted). */
    public static OcspResponderIdentity fromPem(String certificatePem, String privateKeyPem) {
        return of(PemReader.privateKey(privateKeyPem), PemReader.certificate(certificatePem));
    }

    /** Reads both PEM files with the Vert.x file system (never blocks the caller's event loop). */
    public static Future<OcspResponderIdentity> load(Vertx vertx, Path certificatePem, Path privateKeyPem) {
        var files = vertx.fileSystem();
        return files.readFile(certificatePem.toString())
                .compose(cert -> files.readFile(privateKeyPem.toString())
                        .map(key -> fromPem(cert.toString(StandardCharsets.US_ASCII), key.toString(StandardCharsets.US_ASCII))));
    }

    /**
     * A development identity: a new EC P-256 key and a self-signed certificate (SHA256withECDSA, made
     * with BouncyCastle) with extendedKeyUsage id-kp-OCSPSigning and id-pkix-ocsp-nocheck
     * (RFC 6960 4.2.2.2.1), valid from an hour before {@code clock.instant()} for one year.
     */
    public static OcspResponderIdentity generateSelfSigned(java.time.Clock clock, java.security.SecureRandom random) {
        return SelfSignedResponder.generate(clock.instant(), random);
    }

    /** The responder certificate, to hand to relying parties. */
    public X509Certificate certificate() {
        return certificate;
    }

    /** The certificate as PEM text (what {@code openssl ocsp -VAfile} reads). */
    public String certificatePem() {
        return PemReader.write(certificate);
    }

    /** JCA name of the response signature algorithm, e.g. {@code SHA256withECDSA}. */
    public String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    RespID responderId() {
        return responderId;
    }

    X509CertificateHolder certificateHolder() {
        return certificateHolder;
    }

    /** A new signer (ContentSigner instances are not thread-safe). */
    ContentSigner signer() throws OperatorCreationException {
        return new JcaContentSignerBuilder(signatureAlgorithm).setProvider(Bc.PROVIDER).build(privateKey);
    }

    /** SHA-256 for RSA and P-256, SHA-384 for P-384, SHA-512 above (the hash matches the curve). */
    private static String signatureAlgorithm(X509Certificate certificate) {
        if (certificate.getPublicKey() instanceof RSAPublicKey) {
            return "SHA256withRSA";
        }
        if (certificate.getPublicKey() instanceof ECPublicKey ec) {
            int bits = ec.getParams().getCurve().getField().getFieldSize();
            return bits <= 256 ? "SHA256withECDSA" : bits <= 384 ? "SHA384withECDSA" : "SHA512withECDSA";
        }
        throw new IllegalArgumentException("the OCSP responder key must be RSA or EC, not "
                + certificate.getPublicKey().getAlgorithm());
    }

    private void proveKeyMatches() throws GeneralSecurityException {
        byte[] probe = "jpki-gate ocsp responder key check".getBytes(StandardCharsets.US_ASCII);
        Signature sign = Signature.getInstance(signatureAlgorithm, Bc.PROVIDER);
        sign.initSign(privateKey);
        sign.update(probe);
        byte[] signature = sign.sign();
        Signature verify = Signature.getInstance(signatureAlgorithm, Bc.PROVIDER);
        verify.initVerify(certificate.getPublicKey());
        verify.update(probe);
        if (!verify.verify(signature)) {
            throw new IllegalArgumentException("the OCSP responder private key does not belong to its certificate");
        }
    }

    @Override
    public String toString() {
        return "OcspResponderIdentity[" + certificate.getSubjectX500Principal().getName() + ", " + signatureAlgorithm + "]";
    }

}
