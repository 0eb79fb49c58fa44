package jp.jpkigate.idp.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sealing the key set with the key-encryption key: round trip, mismatch, tampering, nothing private in clear. */
class KeySetCodecTest {
    private static final Instant T0 = Instant.parse("2026-01-05T00:00:00Z");

    private static KeyEncryptionKey kek() throws Exception {
        return KeyEncryptionKey.parse(KeyEncryptionKey.generateFileContent(new SecureRandom()));
    }

    private static KeySet set() {
        return KeySet.initial(SigningKeys.generateKey(JWSAlgorithm.ES256),
                List.of(SigningKeys.generateKey(JWSAlgorithm.PS256)), SigningKeys.generateKey(JWSAlgorithm.EdDSA),
                T0, Duration.ofMinutes(7));
    }

    private static List<String> privateParts(KeySet set) {
        return set.keys().stream().flatMap(k -> {
            JWK jwk = k.privateKey();
            if (jwk instanceof ECKey ec) {
                return List.of(ec.getD().toString()).stream();
            }
            if (jwk instanceof RSAKey rsa) {
                return List.of(rsa.getPrivateExponent().toString(), rsa.getFirstPrimeFactor().toString()).stream();
            }
            return List.of(((OctetKeyPair) jwk).getD().toString()).stream();
        }).toList();
    }

    @Test
    void roundTripsEveryStateAndTimeWithThePrivatePartsSealed() throws Exception {
        KeySetCodec codec = new KeySetCodec(kek());
        KeySet set = set();
        String document = codec.encode(set);
        assertThat(privateParts(set)).allSatisfy(secret -> assertThat(document).doesNotContain(secret));
        KeySet decoded = codec.decode(document);
        assertThat(decoded.keys()).hasSize(3);
        for (int i = 0; i < 3; i++) {
            ManagedKey a = set.keys().get(i);
            ManagedKey b = decoded.keys().get(i);
            assertThat(b.privateKey().toJSONObject()).isEqualTo(a.privateKey().toJSONObject());
            assertThat(b.toPublicJsonObject()).isEqualTo(a.toPublicJsonObject());
        }
    }

    @Test
    void anotherKeyEncryptionKeyFailsClearlyNamingBothKeys() throws Exception {
        KeyEncryptionKey mine = kek();
        KeyEncryptionKey theirs = kek();
        String document = new KeySetCodec(theirs).encode(set());
        assertThatThrownBy(() -> new KeySetCodec(mine).decode(document))
                .isInstanceOf(KeyLoadException.class)
                .hasMessageContaining("sealed with key-encryption key " + theirs.id())
                .hasMessageContaining("this replica has key-encryption key " + mine.id());
    }

    @Test
    void aSealedKeyMovedToAnotherEntryOrAlteredDoesNotOpen() throws Exception {
        KeyEncryptionKey kek = kek();
        byte[] sealed = kek.seal("secret".getBytes(StandardCharsets.UTF_8), "jpkigate signing key a");
        assertThatThrownBy(() -> kek.open(sealed, "jpkigate signing key b")).isInstanceOf(KeyLoadException.class);
        sealed[sealed.length - 1] ^= 1;
        assertThatThrownBy(() -> kek.open(sealed, "jpkigate signing key a")).isInstanceOf(KeyLoadException.class)
                .hasMessageNotContaining("secret");
    }

    @Test
    void keyEncryptionKeysAreReadRawOrBase64AndNeverPrinted() throws Exception {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        KeyEncryptionKey fromRaw = KeyEncryptionKey.parse(raw);
        KeyEncryptionKey fromText = KeyEncryptionKey.parse((" " + Base64.getEncoder().encodeToString(raw) + "\n")
                .getBytes(StandardCharsets.US_ASCII));
        assertThat(fromRaw.id()).isEqualTo(fromText.id());
        assertThat(fromRaw.toString()).isEqualTo("KeyEncryptionKey[" + fromRaw.id() + "]")
                .doesNotContain(Base64.getEncoder().encodeToString(raw));
        assertThatThrownBy(() -> KeyEncryptionKey.parse("too short".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(KeyLoadException.class).hasMessageNotContaining("too short");
    }

    @Test
    void keySetsAndKeysPrintKidsOnly() {
        KeySet set = set();
        assertThat(privateParts(set)).allSatisfy(secret -> {
            assertThat(set.toString()).doesNotContain(secret);
            assertThat(set.current().toString()).doesNotContain(secret);
        });
        assertThat(set.toString()).contains(set.current().kid(), "current", "next", "retiring");
    }
}
