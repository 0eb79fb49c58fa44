package jp.jpkigate.revocation.responder;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/** PEM (RFC 7468) certificates and unencrypted private keys; errors are {@link IllegalArgumentException}s. */
final class PemReader {
    private PemReader() {
    }

    static X509Certificate certificate(String pem) {
        if (!(read(pem, "certificate") instanceof X509CertificateHolder holder)) {
            throw new IllegalArgumentException("the OCSP responder certificate PEM holds no CERTIFICATE");
        }
        try {
            return new JcaX509CertificateConverter().setProvider(Bc.PROVIDER).getCertificate(holder);
        } catch (java.security.cert.CertificateException e) {
            throw new IllegalArgumentException("the OCSP responder certificate cannot be read", e);
        }
    }

    /** PRIVATE KEY (PKCS#8), EC PRIVATE KEY or RSA PRIVATE KEY; encrypted keys are not supported. */
    static PrivateKey privateKey(String pem) {
        Object parsed = read(pem, "private key");
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter().setProvider(Bc.PROVIDER);
        try {
            if (parsed instanceof PEMKeyPair pair) {
                return converter.getKeyPair(pair).getPrivate();
            }
            if (parsed instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("the OCSP responder private key cannot be read", e);
        }
        throw new IllegalArgumentException("the OCSP responder key PEM holds no unencrypted PRIVATE KEY");
    }

    static String write(Object object) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static Object read(String pem, String what) {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object parsed = parser.readObject();
            if (parsed == null) {
                throw new IllegalArgumentException("no PEM " + what + " found");
            }
            return parsed;
        } catch (IOException e) {
            throw new IllegalArgumentException("the " + what + " PEM cannot be read", e);
        }
    }
}
