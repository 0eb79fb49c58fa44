package jp.jpkigate.revocation.responder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import jp.jpkigate.sim.ca.SimCa;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;

/** OCSP requests built with BouncyCastle, as a client would. */
public final class OcspRequests {
    private OcspRequests() {
    }

    public static CertificateID sha1(SimCa ca, long serial) {
        return id(CertificateID.HASH_SHA1, ca, serial);
    }

    public static CertificateID sha256(SimCa ca, long serial) {
        return id(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256), ca, serial);
    }

    private static CertificateID id(AlgorithmIdentifier algorithm, SimCa ca, long serial) {
        try {
            DigestCalculator digest = new JcaDigestCalculatorProviderBuilder().build().get(algorithm);
            return new CertificateID(digest, new JcaX509CertificateHolder(ca.certificate()), BigInteger.valueOf(serial));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A DER request for {@code ids}, with a 16-byte nonce when {@code nonce}. */
    public static byte[] request(boolean nonce, CertificateID... ids) {
        return request(nonce ? nonceExtension(16, false) : null, ids);
    }

    public static byte[] request(Extension extension, CertificateID... ids) {
        OCSPReqBuilder builder = new OCSPReqBuilder();
        for (CertificateID id : ids) {
            builder.addRequest(id);
        }
        if (extension != null) {
            builder.setRequestExtensions(new Extensions(extension));
        }
        try {
            return builder.build().getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** An RFC 8954 nonce extension of {@code length} octets. */
    public static Extension nonceExtension(int length, boolean critical) {
        byte[] value = new byte[length];
        for (int i = 0; i < length; i++) {
            value[i] = (byte) (i * 31 + 7);
        }
        try {
            return new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, critical,
                    new DEROctetString(new DEROctetString(value).getEncoded()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static OCSPResp parse(byte[] der) {
        try {
            return new OCSPResp(der);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
