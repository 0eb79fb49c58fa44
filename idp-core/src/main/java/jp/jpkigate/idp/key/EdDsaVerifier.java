package jp.jpkigate.idp.key;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import java.util.Set;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/** The RFC 8037 EdDSA (Ed25519) {@link JWSVerifier} on BouncyCastle, counterpart of {@link EdDsaSigner}. */
final class EdDsaVerifier implements JWSVerifier {
    private final Ed25519PublicKeyParameters publicKey;
    private final JCAContext jca = Jca.context();

    EdDsaVerifier(OctetKeyPair key) throws JOSEException {
        if (!Curve.Ed25519.equals(key.getCurve())) {
            throw new JOSEException("an Ed25519 key is required");
        }
        byte[] x = key.getDecodedX();
        if (x.length != Ed25519PublicKeyParameters.KEY_SIZE) {
            throw new JOSEException("an Ed25519 public key is 32 bytes");
        }
        this.publicKey = new Ed25519PublicKeyParameters(x, 0);
    }

    @Override
    public boolean verify(JWSHeader header, byte[] signedContent, Base64URL signature) {
        if (!JWSAlgorithm.EdDSA.equals(header.getAlgorithm()) && !JWSAlgorithm.Ed25519.equals(header.getAlgorithm())) {
            return false;
        }
        byte[] sig = signature.decode();
        if (sig.length != Ed25519PublicKeyParameters.KEY_SIZE * 2) {
            return false;
        }
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, publicKey);
        verifier.update(signedContent, 0, signedContent.length);
        return verifier.verifySignature(sig);
    }

    @Override
    public Set<JWSAlgorithm> supportedJWSAlgorithms() {
        return Set.of(JWSAlgorithm.EdDSA, JWSAlgorithm.Ed25519);
    }

    @Override
    public JCAContext getJCAContext() {
        return jca;
    }
}
