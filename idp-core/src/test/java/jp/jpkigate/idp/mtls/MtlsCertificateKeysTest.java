package jp.jpkigate.idp.mtls;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.List;
import jp.jpkigate.idp.key.SigningKeys;
import jp.jpkigate.testing.TestPki;
import org.junit.jupiter.api.Test;

/** self_signed_tls_client_auth: the certificate's public key is one of the client's registered keys. */
class MtlsCertificateKeysTest {
    private static final Instant NOW = Instant.now();

    @Test
    void anEcCertificateMatchesItsKeyAmongOthersAndNothingElse() {
        KeyPair keys = TestPki.ecKeys();
        var certificate = TestPki.selfSigned("CN=self-bank", keys, NOW).certificate();
        JWK registered = new ECKey.Builder(Curve.P_256, (ECPublicKey) keys.getPublic()).keyID("tls").build();
        JWK other = SigningKeys.generateKey(JWSAlgorithm.ES256).toPublicJWK();
        assertThat(CertificateKeys.matchesAny(certificate, new JWKSet(List.of(other, registered)))).isTrue();
        assertThat(CertificateKeys.matchesAny(certificate, new JWKSet(other))).isFalse();
        assertThat(CertificateKeys.matchesAny(certificate, new JWKSet())).isFalse();
    }

    @Test
    void rsaAndEd25519KeysMatchToo() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        KeyPair rsaKeys = rsa.generateKeyPair();
        assertThat(CertificateKeys.matchesAny(TestPki.selfSigned("CN=rsa", rsaKeys, NOW).certificate(),
                new JWKSet(new RSAKey.Builder((RSAPublicKey) rsaKeys.getPublic()).build()))).isTrue();
        KeyPair edKeys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        JWK edJwk = CertificateKeys.publicJwk(edKeys.getPublic()).orElseThrow();
        assertThat(edJwk).isInstanceOf(OctetKeyPair.class);
        assertThat(CertificateKeys.matchesAny(TestPki.selfSigned("CN=ed", edKeys, NOW).certificate(), new JWKSet(edJwk))).isTrue();
        assertThat(CertificateKeys.matchesAny(TestPki.selfSigned("CN=ed", edKeys, NOW).certificate(),
                new JWKSet(SigningKeys.generateKey(JWSAlgorithm.EdDSA).toPublicJWK()))).isFalse();
    }
}
