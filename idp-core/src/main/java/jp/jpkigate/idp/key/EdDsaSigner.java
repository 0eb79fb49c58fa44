package jp.jpkigate.idp.key;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import java.util.Set;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * An RFC 8037 EdDSA (Ed25519) {@link JWSSigner} on BouncyCastle. Nimbus's own Ed25519 signer needs
 * Google Tink; this one uses BouncyCastle's Ed25519 directly, which is also the faster path.
 */
final class EdDsaSigner implements JWSSigner {
    private final Ed25519PrivateKeyParameters privateKey;
    private final JCAContext jca = Jca.context();

    EdDsaSigner(OctetKeyPair key) throws JOSEException {
        if (!Curve.Ed25519.equals(key.getCurve()) || !key.isPrivate()) {
            throw new JOSEException("an Ed25519 private key is required");
        }
        this.privateKey = new Ed25519PrivateKeyParameters(key.getDecodedD(), 0);
    }

    @Override
    public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
        if (!JWSAlgorithm.EdDSA.equals(header.getAlgorithm()) && !JWSAlgorithm.Ed25519.equals(header.getAlgorithm())) {
            throw new JOSEException("EdDSA signer used for " + header.getAlgorithm());
        }
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, privateKey);
        signer.update(signingInput, 0, signingInput.length);
        return Base64URL.encode(signer.generateSignature());
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
