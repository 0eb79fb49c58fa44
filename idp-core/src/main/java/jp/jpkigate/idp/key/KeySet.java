package jp.jpkigate.idp.key;

import com.nimbusds.jose.jwk.JWK;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The OP's signing keys with their states, as every replica shares them: exactly one
 * {@link KeyState#CURRENT} key that signs, exactly one {@link KeyState#NEXT} key that is published
 * and will sign after the next rotation, and any number of {@link KeyState#RETIRING} keys that stay
 * published until what they signed has expired. Immutable; the transitions return new sets.
 */
public record KeySet(List<ManagedKey> keys) {
    public KeySet {
        keys = List.copyOf(keys);
        Set<String> kids = new HashSet<>();
        int current = 0;
        int next = 0;
        for (ManagedKey key : keys) {
            if (!kids.add(key.kid())) {
                throw new IllegalArgumentException("kid repeated in the key set: " + key.kid());
            }
            current += key.state() == KeyState.CURRENT ? 1 : 0;
            next += key.state() == KeyState.NEXT ? 1 : 0;
        }
        if (current != 1 || next != 1) {
            throw new IllegalArgumentException("a key set has one current and one next key, not " + current + " and " + next);
        }
    }

    /**
     * The first key set of a deployment. The current key signs at once: no relying party can have
     * cached a JWKS of an OP that had none. Keys imported from an earlier deployment's files (older
     * ones) were published already and retire from now.
     *
     * @param current   the key that signs
     * @param older     earlier keys still to verify, retiring from {@code now}
     * @param next      the key that will sign after the first rotation
     * @param retention how long a retiring key stays published
     */
    public static KeySet initial(JWK current, List<JWK> older, JWK next, Instant now, Duration retention) {
        List<ManagedKey> keys = new ArrayList<>();
        keys.add(ManagedKey.next(current, now).activated(now));
        keys.add(ManagedKey.next(next, now));
        for (JWK key : older) {
            keys.add(ManagedKey.next(key, now).activated(now).retired(now, retention));
        }
        return new KeySet(keys);
    }

    public ManagedKey current() {
        return keys.stream().filter(k -> k.state() == KeyState.CURRENT).findFirst().orElseThrow();
    }

    public ManagedKey next() {
        return keys.stream().filter(k -> k.state() == KeyState.NEXT).findFirst().orElseThrow();
    }

    public List<ManagedKey> retiring() {
        return keys.stream().filter(k -> k.state() == KeyState.RETIRING).toList();
    }

    /** When the next key has been published long enough to sign (the published-before-use rule). */
    public Instant nextUsableAt(Duration propagationDelay) {
        return next().publishedAt().plus(propagationDelay);
    }

    /**
     * One rotation: next → current, current → retiring until {@code now + retention}, {@code newNext}
     * published as the next key; retiring keys whose time is up are dropped.
     *
     * @throws KeyRotationException {@code NOT_READY} while the next key has been published for less
     *                              than {@code propagationDelay}
     */
    public KeySet rotated(JWK newNext, Instant now, Duration propagationDelay, Duration retention) throws KeyRotationException {
        Instant usableAt = nextUsableAt(propagationDelay);
        if (now.isBefore(usableAt)) {
            throw KeyRotationException.notReady(next().kid(), usableAt);
        }
        List<ManagedKey> rotated = new ArrayList<>();
        rotated.add(next().activated(now));
        rotated.add(ManagedKey.next(newNext, now));
        rotated.add(current().retired(now, retention));
        retiring().stream().filter(k -> k.publishedAt(now)).forEach(rotated::add);
        return new KeySet(rotated);
    }

    /** Whether the current key has signed for {@code period} (zero: never due). */
    public boolean rotationDue(Instant now, Duration period) {
        if (period.isZero()) {
            return false;
        }
        Optional<Instant> activated = current().activatedAt();
        return activated.isPresent() && !now.isBefore(activated.get().plus(period));
    }

    @Override
    public String toString() {
        return "KeySet" + keys;
    }
}
