package jp.jpkigate.idp.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SigningKeysTest {
    private static final JWTClaimsSet CLAIMS = new JWTClaimsSet.Builder().issuer("https://op.example").subject("s").build();

    @ParameterizedTest
    @ValueSource(strings = {"ES256", "PS256", "EdDSA"})
    void signsAndVerifiesWithEachAlgorithm(String name) throws Exception {
        JWSAlgorithm alg = JWSAlgorithm.parse(name);
        SigningKeys keys = SigningKeys.generate(alg);
        SignedJWT jwt = SignedJWT.parse(keys.sign(CLAIMS).serialize());
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(alg);
        assertThat(jwt.getHeader().getKeyID()).isEqualTo(keys.currentKeyId());
        JWK published = keys.publicJwks().getKeyByKeyId(keys.currentKeyId());
        assertThat(jwt.verify(JwsAlgorithms.verifier(published, alg))).isTrue();
        assertThat(independentlyVerified(jwt, published)).isTrue();
        assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("s");
    }

    /** Verification with the JDK's own providers (not BouncyCastle, not our verifier). */
    private static boolean independentlyVerified(SignedJWT jwt, JWK key) throws Exception {
        if (key instanceof ECKey ec) {
            return jwt.verify(new ECDSAVerifier(ec));
        }
        if (key instanceof RSAKey rsa) {
            return jwt.verify(new RSASSAVerifier(rsa));
        }
        byte[] spki = new SubjectPublicKeyInfo(new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519),
                ((OctetKeyPair) key).getDecodedX()).getEncoded();
        Signature sig = Signature.getInstance("Ed25519");
        sig.initVerify(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki)));
        sig.update(jwt.getSigningInput());
        return sig.verify(jwt.getSignature().decode());
    }

    @Test
    void publicJwksNeverCarriesPrivateParts() {
        for (JWSAlgorithm alg : JwsAlgorithms.SUPPORTED) {
            JWKSet set = SigningKeys.generate(alg).publicJwks();
            assertThat(set.getKeys()).allSatisfy(k -> {
                assertThat(k.isPrivate()).isFalse();
                assertThat(k.toJSONObject()).doesNotContainKeys("d", "p", "q", "dp", "dq", "qi", "oth", "k");
                assertThat(k.getKeyUse().identifier()).isEqualTo("sig");
                assertThat(k.getAlgorithm()).isEqualTo(alg);
            });
            assertThat(set.toString()).doesNotContain("\"d\"");
        }
    }

    private static String pem(byte[] pkcs8) {
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pkcs8)
                + "\n-----END PRIVATE KEY-----\n";
    }

    @Test
    void loadsADirectoryOfPemAndJwkFilesNewestNameCurrent(@TempDir Path dir) throws Exception {
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair ecPair = ec.generateKeyPair();
        KeyPair edPair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        Files.writeString(dir.resolve("2025-01-es256.pem"), pem(ecPair.getPrivate().getEncoded()));
        Files.writeString(dir.resolve("2025-06-ps256.pem"), pem(rsa.generateKeyPair().getPrivate().getEncoded()));
        Files.writeString(dir.resolve("2025-09-ed25519.pem"), pem(edPair.getPrivate().getEncoded()));
        JWK jwk = SigningKeys.generateKey(JWSAlgorithm.ES256);
        Files.writeString(dir.resolve("2026-01-es256.json"), jwk.toJSONString());
        Files.createDirectory(dir.resolve("..2026_01_01_data")); // a Kubernetes Secret mount's internals
        Files.writeString(dir.resolve(".hidden.pem"), "not a key");
        Files.writeString(dir.resolve("README.txt"), "ignored");

        SigningKeys keys = SigningKeys.load(dir);
        assertThat(keys.currentKeyId()).isEqualTo(jwk.getKeyID());
        assertThat(keys.currentAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(keys.publicJwks().getKeys()).hasSize(4);
        assertThat(keys.algorithms()).containsExactly(JWSAlgorithm.ES256, JWSAlgorithm.EdDSA, JWSAlgorithm.PS256);
        ECKey loadedEc = (ECKey) keys.publicJwks().getKeys().stream()
                .filter(k -> k instanceof ECKey && !k.getKeyID().equals(jwk.getKeyID())).findFirst().orElseThrow();
        assertThat(loadedEc.toECPublicKey().getW()).isEqualTo(((java.security.interfaces.ECPublicKey) ecPair.getPublic()).getW());
        SignedJWT jwt = keys.sign(CLAIMS);
        assertThat(jwt.verify(new ECDSAVerifier((ECKey) jwk.toPublicJWK()))).isTrue();
    }

    @Test
    void reportsEveryBadFileWithoutQuotingKeyMaterial(@TempDir Path dir) throws Exception {
        JWK privateKey = SigningKeys.generateKey(JWSAlgorithm.ES256);
        Files.writeString(dir.resolve("a-public-only.json"), privateKey.toPublicJWK().toJSONString());
        Files.writeString(dir.resolve("b-garbage.pem"), "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        Files.writeString(dir.resolve("c-broken.json"), privateKey.toJSONString().substring(0, 40));
        assertThatThrownBy(() -> SigningKeys.load(dir))
                .isInstanceOfSatisfying(KeyLoadException.class, e -> {
                    assertThat(e.problems()).hasSize(3);
                    assertThat(e.getMessage()).contains("a-public-only.json", "b-garbage.pem", "c-broken.json")
                            .doesNotContain(((ECKey) privateKey).getD().toString());
                });
    }

    @Test
    void anEmptyDirectoryIsAnError(@TempDir Path dir) {
        assertThatThrownBy(() -> SigningKeys.load(dir)).isInstanceOf(KeyLoadException.class).hasMessageContaining("no *.json");
    }

    @Test
    void olderKeysArePublishedButTheCurrentOneSigns() throws Exception {
        JWK current = SigningKeys.generateKey(JWSAlgorithm.EdDSA);
        JWK previous = SigningKeys.generateKey(JWSAlgorithm.ES256);
        SigningKeys keys = SigningKeys.of(List.of(current, previous));
        assertThat(keys.publicJwks().getKeys()).extracting(JWK::getKeyID).containsExactly(current.getKeyID(), previous.getKeyID());
        assertThat(keys.sign(CLAIMS).getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.EdDSA);
        assertThat(keys.toString()).doesNotContain(((OctetKeyPair) current).getD().toString());
    }
}
