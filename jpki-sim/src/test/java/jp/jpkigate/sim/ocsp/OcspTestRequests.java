package jp.jpkigate.sim.ocsp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.cert.CertificateEncodingException;
import jp.jpkigate.sim.ca.Providers;
import jp.jpkigate.sim.ca.SimCa;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/** Builds OCSP requests and reads responses with BouncyCastle, for tests. */
public final class OcspTestRequests {
    public static final byte[] NONCE = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};

    private OcspTestRequests() {
    }

    public static CertificateID sha1(SimCa ca, long serial) {
        return id(ca, serial, CertificateID.HASH_SHA1);
    }

    public static CertificateID sha256(SimCa ca, long serial) {
        return id(ca, serial, new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256));
    }

    private static CertificateID id(SimCa ca, long serial, AlgorithmIdentifier hash) {
        try {
            return new CertificateID(new JcaDigestCalculatorProviderBuilder().setProvider(Providers.BC).build().get(hash),
                    new JcaX509CertificateHolder(ca.certificate()), BigInteger.valueOf(serial));
        } catch (OperatorCreationException | OCSPException | CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] request(boolean nonce, CertificateID... ids) {
        OCSPReqBuilder builder = new OCSPReqBuilder();
        for (CertificateID id : ids) {
            builder.addRequest(id);
        }
        if (nonce) {
            try {
                // RFC 8954 2.1: extnValue holds the DER OCTET STRING of the nonce.
                builder.setRequestExtensions(new Extensions(new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce,
                        false, new DEROctetString(new DEROctetString(NONCE).getEncoded()))));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        try {
            return builder.build().getEncoded();
        } catch (OCSPException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static OCSPResp parse(byte[] der) {
        try {
            return new OCSPResp(der);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static BasicOCSPResp basic(byte[] der) {
        try {
            return (BasicOCSPResp) parse(der).getResponseObject();
        } catch (OCSPException e) {
            throw new IllegalStateException(e);
        }
    }
}
