package jp.jpkigate.idp.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The key states and their transitions, without storage. */
class KeySetTest {
    private static final Instant T0 = Instant.parse("2026-01-05T00:00:00Z");
    private static final Duration DELAY = Duration.ofHours(1);
    private static final Duration RETENTION = Duration.ofMinutes(7);

    private static JWK key() {
        return SigningKeys.generateKey(JWSAlgorithm.ES256);
    }

    @Test
    void aFirstSetSignsAtOnceWithANextKeyPublishedAndImportedKeysRetiring() {
        JWK current = key();
        JWK next = key();
        JWK older = key();
        KeySet set = KeySet.initial(current, List.of(older), next, T0, RETENTION);
        assertThat(set.current().kid()).isEqualTo(current.getKeyID());
        assertThat(set.current().activatedAt()).contains(T0);
        assertThat(set.next().kid()).isEqualTo(next.getKeyID());
        assertThat(set.next().activatedAt()).isEmpty();
        assertThat(set.retiring()).singleElement().satisfies(k -> {
            assertThat(k.kid()).isEqualTo(older.getKeyID());
            assertThat(k.removeAfter()).contains(T0.plus(RETENTION));
        });
        assertThat(set.nextUsableAt(DELAY)).isEqualTo(T0.plus(DELAY));
    }

    @Test
    void theNextKeySignsOnlyAfterThePropagationDelay() throws Exception {
        KeySet set = KeySet.initial(key(), List.of(), key(), T0, RETENTION);
        assertThatThrownBy(() -> set.rotated(key(), T0.plus(DELAY).minusSeconds(1), DELAY, RETENTION))
                .isInstanceOfSatisfying(KeyRotationException.class, e -> {
                    assertThat(e.reason()).isEqualTo(KeyRotationException.Reason.NOT_READY);
                    assertThat(e.retryAt()).contains(T0.plus(DELAY));
                });
        JWK newNext = key();
        Instant t1 = T0.plus(DELAY);
        KeySet rotated = set.rotated(newNext, t1, DELAY, RETENTION);
        assertThat(rotated.current().kid()).isEqualTo(set.next().kid());
        assertThat(rotated.current().activatedAt()).contains(t1);
        assertThat(rotated.current().publishedAt()).isEqualTo(T0);
        assertThat(rotated.next().kid()).isEqualTo(newNext.getKeyID());
        assertThat(rotated.next().publishedAt()).isEqualTo(t1);
        assertThat(rotated.retiring()).singleElement().satisfies(k -> {
            assertThat(k.kid()).isEqualTo(set.current().kid());
            assertThat(k.retiredAt()).contains(t1);
            assertThat(k.removeAfter()).contains(t1.plus(RETENTION));
        });
    }

    @Test
    void retiringKeysPastTheirTimeAreDroppedAtTheNextRotation() throws Exception {
        KeySet first = KeySet.initial(key(), List.of(), key(), T0, RETENTION);
        KeySet second = first.rotated(key(), T0.plus(DELAY), DELAY, RETENTION);
        KeySet third = second.rotated(key(), T0.plus(DELAY.multipliedBy(2)), DELAY, RETENTION);
        assertThat(third.retiring()).extracting(ManagedKey::kid).containsExactly(second.current().kid());
        assertThat(third.keys()).extracting(ManagedKey::kid).doesNotContain(first.current().kid());
        assertThat(second.retiring().get(0).publishedAt(T0.plus(DELAY).plus(RETENTION))).isFalse();
        assertThat(second.retiring().get(0).publishedAt(T0.plus(DELAY).plus(RETENTION).minusSeconds(1))).isTrue();
    }

    @Test
    void rotationIsDueAfterThePeriodOnlyWhenOneIsSet() {
        KeySet set = KeySet.initial(key(), List.of(), key(), T0, RETENTION);
        assertThat(set.rotationDue(T0.plus(Duration.ofDays(90)), Duration.ofDays(90))).isTrue();
        assertThat(set.rotationDue(T0.plus(Duration.ofDays(89)), Duration.ofDays(90))).isFalse();
        assertThat(set.rotationDue(T0.plus(Duration.ofDays(900)), Duration.ZERO)).isFalse();
    }

    @Test
    void aSetHasOneCurrentAndOneNextKeyAndUniqueKids() {
        ManagedKey a = ManagedKey.next(key(), T0);
        assertThatThrownBy(() -> new KeySet(List.of(a))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new KeySet(List.of(a, a, a.activated(T0)))).hasMessageContaining("repeated");
    }

    @Test
    void optionsRefuseAPropagationDelayShorterThanTheJwksCacheTime() {
        assertThatThrownBy(() -> new KeyRotationOptions(JWSAlgorithm.ES256, Duration.ofMinutes(1), RETENTION,
                Duration.ZERO, Duration.ofSeconds(5))).hasMessageContaining("propagationDelay");
        assertThat(KeyRotationOptions.retentionFor(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(3)))
                .isEqualTo(Duration.ofMinutes(5).plus(KeyRotationOptions.CLOCK_SKEW).plusSeconds(5));
    }
}
