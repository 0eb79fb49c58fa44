package jp.jpkigate.revocation.ocsp;

import java.io.IOException;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import jp.jpkigate.revocation.index.CrlReason;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.CertException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

/**
 * Checks an OCSPResponse against the request it answers (RFC 6960), in this order:
 * <ol>
 * <li>responseStatus successful and a basic response (section 4.2.1);</li>
 * <li>the signer (section 4.2.2.2): "the CA who issued the certificate in question", or "a CA
 * Designated Responder (Authorized Responder ...) who holds a specially marked certificate issued
 * directly by the CA, indicating that the responder may issue OCSP responses for that CA": a
 * certificate in the response whose signature verifies with the CA key, whose issuer is the CA, with
 * extendedKeyUsage id-kp-OCSPSigning, valid now, and carrying id-pkix-ocsp-nocheck (section
 * 4.2.2.2.1; without it this client has no way to check the responder's own status, so it refuses);</li>
 * <li>the nonce echoed (section 4.4.1);</li>
 * <li>a SingleResponse for exactly the CertID asked (section 4.1.1);</li>
 * <li>currency (section 4.2.2.1; RFC 5019 section 4): thisUpdate not after now + skew, nextUpdate
 * (when present) not before now - skew.</li>
 * </ol>
 * Plain Java; RSA / ECDSA verification is fast enough for the event loop.
 */
public final class OcspResponseVerifier {
    private final Duration maxSkew;

    public OcspResponseVerifier(Duration maxSkew) {
        this.maxSkew = maxSkew;
    }

    public OcspAnswer verify(byte[] der, X509Certificate ca, OcspRequests.Built request, Instant now) {
        BasicOCSPResp basic = basic(der);
        checkSigner(basic, ca, now);
        checkNonce(basic, request);
        SingleResp single = Arrays.stream(basic.getResponses()).filter(r -> r.getCertID().equals(request.certId()))
                .findFirst().orElseThrow(() -> new OcspException(OcspException.Kind.CERT_ID_MISMATCH,
                        "no answer for serial " + request.certId().getSerialNumber().toString(16)));
        Instant thisUpdate = single.getThisUpdate().toInstant();
        Instant nextUpdate = single.getNextUpdate() == null ? null : single.getNextUpdate().toInstant();
        if (thisUpdate.isAfter(now.plus(maxSkew))) {
            throw new OcspException(OcspException.Kind.NOT_CURRENT, "thisUpdate " + thisUpdate + " is in the future");
        }
        if (nextUpdate != null && nextUpdate.isBefore(now.minus(maxSkew))) {
            throw new OcspException(OcspException.Kind.NOT_CURRENT, "nextUpdate " + nextUpdate + " has passed");
        }
        Instant producedAt = basic.getProducedAt().toInstant();
        CertificateStatus status = single.getCertStatus();
        if (status == CertificateStatus.GOOD) {
            return new OcspAnswer(OcspAnswer.Status.GOOD, null, null, thisUpdate, nextUpdate, producedAt);
        }
        if (status instanceof RevokedStatus revoked) {
            CrlReason reason = revoked.hasRevocationReason() && CrlReason.isValid(revoked.getRevocationReason())
                    ? CrlReason.fromCode(revoked.getRevocationReason()) : CrlReason.UNSPECIFIED;
            return new OcspAnswer(OcspAnswer.Status.REVOKED, reason, revoked.getRevocationTime().toInstant(),
                    thisUpdate, nextUpdate, producedAt);
        }
        if (status instanceof UnknownStatus) {
            return new OcspAnswer(OcspAnswer.Status.UNKNOWN, null, null, thisUpdate, nextUpdate, producedAt);
        }
        throw new OcspException(OcspException.Kind.MALFORMED, "unrecognised certStatus");
    }

    private static BasicOCSPResp basic(byte[] der) {
        OCSPResp response;
        try {
            response = new OCSPResp(der);
        } catch (IOException | RuntimeException e) {
            throw new OcspException(OcspException.Kind.MALFORMED, "not a DER OCSPResponse");
        }
        if (response.getStatus() != OCSPResp.SUCCESSFUL) {
            throw new OcspException(OcspException.Kind.NOT_SUCCESSFUL, "responseStatus " + response.getStatus());
        }
        try {
            if (response.getResponseObject() instanceof BasicOCSPResp basic) {
                return basic;
            }
        } catch (OCSPException | RuntimeException e) {
            // falls through
        }
        throw new OcspException(OcspException.Kind.MALFORMED, "not an id-pkix-ocsp-basic response");
    }

    private void checkSigner(BasicOCSPResp basic, X509Certificate ca, Instant now) {
        if (signedBy(basic, ca.getPublicKey())) {
            return;
        }
        for (X509CertificateHolder candidate : basic.getCerts()) {
            if (delegatedResponder(candidate, ca, now) && signedBy(basic, publicKey(candidate))) {
                return;
            }
        }
        throw new OcspException(OcspException.Kind.UNAUTHORIZED_SIGNER,
                "signed neither by the CA nor by a responder certificate the CA issued for OCSP signing");
    }

    private static boolean delegatedResponder(X509CertificateHolder cert, X509Certificate ca, Instant now) {
        try {
            ExtendedKeyUsage eku = cert.getExtensions() == null ? null : ExtendedKeyUsage.fromExtensions(cert.getExtensions());
            return cert.getIssuer().equals(new JcaX509CertificateHolder(ca).getSubject())
                    && cert.isSignatureValid(verifierProvider(ca.getPublicKey()))
                    && cert.isValidOn(Date.from(now))
                    && eku != null && eku.hasKeyPurposeId(KeyPurposeId.id_kp_OCSPSigning)
                    && cert.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nocheck) != null;
        } catch (CertException | CertificateEncodingException | OperatorCreationException | RuntimeException e) {
            return false;
        }
    }

    private static boolean signedBy(BasicOCSPResp basic, PublicKey key) {
        try {
            return key != null && basic.isSignatureValid(verifierProvider(key));
        } catch (OCSPException | OperatorCreationException | RuntimeException e) {
            return false;
        }
    }

    private static PublicKey publicKey(X509CertificateHolder cert) {
        try {
            return new JcaX509CertificateConverter().getCertificate(cert).getPublicKey();
        } catch (CertificateException | RuntimeException e) {
            return null;
        }
    }

    private static ContentVerifierProvider verifierProvider(PublicKey key) throws OperatorCreationException {
        return new JcaContentVerifierProviderBuilder().build(key);
    }

    private static void checkNonce(BasicOCSPResp basic, OcspRequests.Built request) {
        Extension nonce = basic.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
        if (nonce == null) {
            throw new OcspException(OcspException.Kind.NONCE_MISMATCH, "the response carries no nonce");
        }
        byte[] sent = request.request().getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce).getExtnValue().getOctets();
        if (!Arrays.equals(sent, nonce.getExtnValue().getOctets())) {
            throw new OcspException(OcspException.Kind.NONCE_MISMATCH, "the nonce differs from the request's");
        }
    }
}
