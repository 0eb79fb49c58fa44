package jp.jpkigate.sim.ca;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.KeyPair;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/** PEM text for certificates and key pairs, the simulator's on-disk format. */
public final class Pem {
    private Pem() {
    }

    public static String write(Object certificateOrKey) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(certificateOrKey);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    public static X509Certificate readCertificate(String pem) {
        Object parsed = parse(pem);
        if (!(parsed instanceof X509CertificateHolder holder)) {
            throw new IllegalArgumentException("not a PEM certificate");
        }
        try {
            return new JcaX509CertificateConverter().setProvider(Providers.BC).getCertificate(holder);
        } catch (CertificateException e) {
            throw new IllegalArgumentException("bad certificate", e);
        }
    }

    /** Reads a private key (PKCS#8 or traditional) and derives nothing: the public key comes from the same PEM pair. */
    public static KeyPair readKeyPair(String pem) {
        Object parsed = parse(pem);
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter().setProvider(Providers.BC);
        try {
            if (parsed instanceof PEMKeyPair pair) {
                return converter.getKeyPair(pair);
            }
            if (parsed instanceof PrivateKeyInfo info) {
                throw new IllegalArgumentException("a key pair PEM is needed, found a bare private key " + info.getPrivateKeyAlgorithm().getAlgorithm());
            }
        } catch (org.bouncycastle.openssl.PEMException e) {
            throw new IllegalArgumentException("bad key", e);
        }
        throw new IllegalArgumentException("not a PEM key pair");
    }

    private static Object parse(String pem) {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            return parser.readObject();
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable PEM", e);
        }
    }
}
