package jp.jpkigate.idp.key;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import java.io.IOException;
import java.io.StringReader;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPublicKeySpec;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/** Reads one private key from a JWK JSON or PEM (PKCS#8 or SEC1 "EC PRIVATE KEY") text. */
final class KeyFiles {
    private KeyFiles() {
    }

    static JWK parseJwk(String json) throws java.text.ParseException, com.nimbusds.jose.JOSEException {
        JWK jwk = JWK.parse(json);
        return jwk.getKeyID() != null ? jwk : withThumbprintKid(jwk);
    }

    static JWK parsePem(String pem) throws IOException, java.security.GeneralSecurityException, com.nimbusds.jose.JOSEException {
        Object object;
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            object = parser.readObject();
        }
        PrivateKeyInfo info;
        if (object instanceof PEMKeyPair pair) {
            info = pair.getPrivateKeyInfo();
        } else if (object instanceof PrivateKeyInfo pki) {
            info = pki;
        } else {
            throw new IOException("no unencrypted private key (PKCS#8 or EC PRIVATE KEY) in the PEM text");
        }
        AsymmetricKeyParameter parameters = PrivateKeyFactory.createKey(info);
        JWK jwk;
        if (parameters instanceof ECPrivateKeyParameters ec) {
            if (ec.getParameters().getCurve().getFieldSize() != 256
                    || !ec.getParameters().getN().equals(org.bouncycastle.asn1.nist.NISTNamedCurves.getByName("P-256").getN())) {
                throw new IOException("only P-256 EC keys are supported");
            }
            ECPoint q = ec.getParameters().getG().multiply(ec.getD()).normalize();
            jwk = new ECKey.Builder(Curve.P_256,
                    ECKey.encodeCoordinate(256, q.getAffineXCoord().toBigInteger()),
                    ECKey.encodeCoordinate(256, q.getAffineYCoord().toBigInteger()))
                    .d(ECKey.encodeCoordinate(256, ec.getD()))
                    .build();
        } else if (parameters instanceof Ed25519PrivateKeyParameters ed) {
            jwk = new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(ed.generatePublicKey().getEncoded()))
                    .d(Base64URL.encode(ed.getEncoded()))
                    .build();
        } else if (parameters instanceof org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters) {
            RSAPrivateCrtKey priv = (RSAPrivateCrtKey) new JcaPEMKeyConverter().setProvider(Jca.BC).getPrivateKey(info);
            java.security.interfaces.RSAPublicKey pub = (java.security.interfaces.RSAPublicKey)
                    java.security.KeyFactory.getInstance("RSA", Jca.BC)
                            .generatePublic(new RSAPublicKeySpec(priv.getModulus(), priv.getPublicExponent()));
            jwk = new RSAKey.Builder(pub).privateKey(priv).build();
        } else {
            throw new IOException("unsupported key type (use P-256 EC, RSA or Ed25519)");
        }
        return withThumbprintKid(jwk);
    }

    /** RFC 7638 thumbprint as the key id, so a kid is stable across reloads of the same key. */
    static JWK withThumbprintKid(JWK jwk) throws com.nimbusds.jose.JOSEException {
        String kid = jwk.computeThumbprint().toString();
        if (jwk instanceof ECKey ec) {
            return new ECKey.Builder(ec).keyID(kid).build();
        }
        if (jwk instanceof RSAKey rsa) {
            return new RSAKey.Builder(rsa).keyID(kid).build();
        }
        if (jwk instanceof OctetKeyPair okp) {
            return new OctetKeyPair.Builder(okp).keyID(kid).build();
        }
        throw new com.nimbusds.jose.JOSEException("unsupported key type " + jwk.getKeyType());
    }

}
