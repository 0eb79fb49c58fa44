package jp.jpkigate.idp.key;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link JwsAlgorithms#verifier} keeps verifiers by key material: never by key id, never across keys. */
class JwsVerifierKeepingTest {
    private static final JWTClaimsSet CLAIMS = new JWTClaimsSet.Builder().issuer("https://op.example").subject("s").build();

    @ParameterizedTest
    @ValueSource(strings = {"ES256", "PS256", "EdDSA"})
    void aKeptVerifierStillRefusesAnotherKeysSignatureUnderTheSameKeyId(String name) throws Exception {
        JWSAlgorithm alg = JWSAlgorithm.parse(name);
        JWK mine = withKid(SigningKeys.generateKey(alg), "k1");
        JWK other = withKid(SigningKeys.generateKey(alg), "k1");
        SignedJWT byMine = signed(mine, alg);
        SignedJWT byOther = signed(other, alg);

        assertThat(byMine.verify(JwsAlgorithms.verifier(mine.toPublicJWK(), alg))).isTrue();
        assertThat(byOther.verify(JwsAlgorithms.verifier(mine.toPublicJWK(), alg))).isFalse();
        assertThat(byOther.verify(JwsAlgorithms.verifier(other.toPublicJWK(), alg))).isTrue();
        assertThat(byMine.verify(JwsAlgorithms.verifier(mine.toPublicJWK(), alg))).isTrue();
    }

    @Test
    void es256SignaturesOfTheJdkVerifyWithTheBouncyCastleKeyEveryTime() throws Exception {
        ECKey key = (ECKey) SigningKeys.generateKey(JWSAlgorithm.ES256);
        for (int i = 0; i < 3; i++) {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.ES256), CLAIMS);
            jwt.sign(new ECDSASigner(key));
            assertThat(jwt.verify(JwsAlgorithms.verifier(key.toPublicJWK(), JWSAlgorithm.ES256))).isTrue();
        }
    }

    private static SignedJWT signed(JWK key, JWSAlgorithm alg) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(key.getKeyID()).build(), CLAIMS);
        jwt.sign(JwsAlgorithms.signer(key, alg));
        return jwt;
    }

    private static JWK withKid(JWK key, String kid) throws Exception {
        java.util.Map<String, Object> json = new java.util.HashMap<>(key.toJSONObject());
        json.put("kid", kid);
        return JWK.parse(json);
    }
}
