package jp.jpkigate.revocation.ocsp;

import java.math.BigInteger;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Builds an OCSPRequest (RFC 6960 section 4.1.1) for one certificate: a CertID with SHA-1 hashes of
 * the issuer's name and key (SHA-1 is what RFC 5019 section 2.1.1 profiles and every responder
 * accepts) and a nonce extension (section 4.4.1) binding the response to this request.
 */
public final class OcspRequests {
    private OcspRequests() {
    }

    /** A request and the CertID it asks about. */
    public record Built(OCSPReq request, CertificateID certId, byte[] nonce) {
    }

    public static Built build(X509Certificate issuer, BigInteger serial, byte[] nonce) {
        try {
            CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build()
                    .get(CertificateID.HASH_SHA1), new JcaX509CertificateHolder(issuer), serial);
            Extension nonceExtension = new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false,
                    new DEROctetString(nonce).getEncoded());
            OCSPReq request = new OCSPReqBuilder().addRequest(id)
                    .setRequestExtensions(new Extensions(nonceExtension)).build();
            return new Built(request, id, nonce.clone());
        } catch (OCSPException | OperatorCreationException | CertificateEncodingException | java.io.IOException e) {
            throw new IllegalStateException("cannot build an OCSP request", e);
        }
    }
}
