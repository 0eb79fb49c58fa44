package jp.jpkigate.idp.dpop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import jp.jpkigate.testing.MutableClock;
import org.junit.jupiter.api.Test;

/** Stateless nonces: replicas with the shared key agree; a nonce lives its bucket and the next. */
class DpopNoncesTest {
    private static final byte[] KEY = "the-shared-nonce-key-of-32-bytes+".getBytes(StandardCharsets.US_ASCII);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T09:00:00Z"));

    @Test
    void replicasSharingTheKeyAgreeWithoutSharedState() {
        DpopNonces one = new DpopNonces(KEY, Duration.ofSeconds(60), clock);
        DpopNonces two = new DpopNonces(KEY.clone(), Duration.ofSeconds(60), clock);
        assertThat(two.current()).isEqualTo(one.current()).hasSize(22);
        assertThat(two.isValid(one.current())).isTrue();
    }

    @Test
    void aNonceIsValidInItsBucketAndTheNextOnly() {
        DpopNonces nonces = new DpopNonces(KEY, Duration.ofSeconds(60), clock);
        String nonce = nonces.current();
        clock.advance(Duration.ofSeconds(59));
        assertThat(nonces.isValid(nonce)).isTrue();
        clock.advance(Duration.ofSeconds(60));
        assertThat(nonces.current()).isNotEqualTo(nonce);
        assertThat(nonces.isValid(nonce)).isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(nonces.isValid(nonce)).isFalse();
    }

    @Test
    void anotherKeyGarbageAndHugeValuesAreInvalid() {
        DpopNonces nonces = new DpopNonces(KEY, Duration.ofSeconds(60), clock);
        DpopNonces other = new DpopNonces("a-different-key-of-32-bytes-or-more".getBytes(StandardCharsets.US_ASCII),
                Duration.ofSeconds(60), clock);
        assertThat(nonces.isValid(other.current())).isFalse();
        assertThat(nonces.isValid("")).isFalse();
        assertThat(nonces.isValid("!!not base64!!")).isFalse();
        assertThat(nonces.isValid("A".repeat(10_000))).isFalse();
    }

    @Test
    void theNonceKeyDerivedFromTheSharedSecretIsStableAndSeparated() {
        byte[] secret = "the-pairwise-subject-secret-32-bytes".getBytes(StandardCharsets.US_ASCII);
        assertThat(DpopOptions.deriveNonceKey(secret)).isEqualTo(DpopOptions.deriveNonceKey(secret.clone())).hasSize(32)
                .isNotEqualTo(secret);
    }
}
