package jp.jpkigate.idp.key;

import com.nimbusds.jose.jwk.JWK;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import jp.jpkigate.idp.store.SigningKeyStore;

/**
 * Rotates the OP's signing keys with overlap and keeps this replica's {@link SigningKeys} equal to
 * the key set every replica shares ({@link SigningKeyStore}):
 * <ul>
 *   <li>{@link #start} adopts the shared set, or creates the first one (importing a key directory
 *       of an earlier deployment when given);</li>
 *   <li>{@link #refresh} (every sync interval) adopts a set another replica rotated — one small
 *       read when nothing changed; signing never waits for the store;</li>
 *   <li>{@link #rotate} promotes next → current and current → retiring and publishes a new next
 *       key, only once the next key has been published for the propagation delay; a concurrent
 *       rotation elsewhere makes it fail with {@code CONFLICT}, never rotate twice;</li>
 *   <li>{@link #rotateIfDue} does it on the automatic schedule.</li>
 * </ul>
 * New keys come from {@code newKeys} (key generation can be slow for RSA: the wiring runs it on a
 * worker). Time comes from the clock.
 */
public final class KeyRotation {
    private final SigningKeyStore store;
    private final KeySetCodec codec;
    private final KeyRotationOptions options;
    private final Supplier<Future<JWK>> newKeys;
    private final SigningKeys live;
    private final Clock clock;
    private volatile long version;
    private volatile KeySet set;

    /** A rotation that happened: the key sets before and after. */
    public record Rotation(KeySet before, KeySet after) {
    }

    public KeyRotation(SigningKeyStore store, KeySetCodec codec, KeyRotationOptions options, Supplier<Future<JWK>> newKeys,
                       SigningKeys live, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.options = Objects.requireNonNull(options, "options");
        this.newKeys = Objects.requireNonNull(newKeys, "newKeys");
        this.live = Objects.requireNonNull(live, "live");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Adopts the shared key set, creating it when there is none: {@code imported} (current first)
     * become the current and retiring keys, else a new key is current; a new next key is published.
     * Fails with {@link KeyLoadException} when the stored set cannot be used — sealed with another
     * key-encryption key, or malformed.
     */
    public Future<KeySet> start(List<JWK> imported) {
        return store.load().compose(stored -> stored.isPresent() ? adopt(stored.get()) : create(imported));
    }

    private Future<KeySet> create(List<JWK> imported) {
        Future<JWK> current = imported.isEmpty() ? newKeys.get() : Future.succeededFuture(imported.get(0));
        List<JWK> older = imported.isEmpty() ? List.of() : imported.subList(1, imported.size());
        return current.compose(first -> newKeys.get().compose(next -> {
            KeySet initial = KeySet.initial(first, older, next, clock.instant(), options.retention());
            // Another replica may create its own at the same moment: whichever is stored wins, both adopt it.
            return store.compareAndSet(0, codec.encode(initial)).compose(written -> reload());
        }));
    }

    private Future<KeySet> reload() {
        return store.load().compose(stored -> stored.isPresent() ? adopt(stored.get())
                : Future.failedFuture(new IllegalStateException("the signing key set vanished from the store")));
    }

    private Future<KeySet> adopt(SigningKeyStore.Versioned stored) {
        try {
            KeySet decoded = codec.decode(stored.document());
            live.update(decoded);
            set = decoded;
            version = stored.version();
            return Future.succeededFuture(decoded);
        } catch (KeyLoadException e) {
            return Future.failedFuture(e);
        }
    }

    /**
     * Adopts the shared set if its version changed; true when it did. Should the store have lost
     * the set (a Redis without persistence restarted), this replica writes back the keys it holds,
     * so tokens they signed keep verifying.
     */
    public Future<Boolean> refresh() {
        return store.version().compose(stored -> {
            if (stored == version) {
                return Future.succeededFuture(false);
            }
            KeySet held = set;
            if (stored == 0 && held != null) {
                return store.compareAndSet(0, codec.encode(held)).compose(written -> reload()).map(true);
            }
            return reload().map(true);
        });
    }

    /**
     * Rotates now, if the next key has been published for the propagation delay.
     *
     * @return the rotation; fails with {@link KeyRotationException} ({@code NOT_READY} with the time
     *         it can happen, or {@code CONFLICT}), or the store's failure
     */
    public Future<Rotation> rotate() {
        return store.load().compose(stored -> {
            if (stored.isEmpty()) {
                return Future.failedFuture(new IllegalStateException("no signing key set to rotate"));
            }
            KeySet before;
            try {
                before = codec.decode(stored.get().document());
                if (clock.instant().isBefore(before.nextUsableAt(options.propagationDelay()))) {
                    throw KeyRotationException.notReady(before.next().kid(), before.nextUsableAt(options.propagationDelay()));
                }
            } catch (KeyLoadException | KeyRotationException e) {
                return Future.failedFuture(e);
            }
            return newKeys.get().compose(fresh -> {
                KeySet after;
                try {
                    after = before.rotated(fresh, clock.instant(), options.propagationDelay(), options.retention());
                } catch (KeyRotationException e) {
                    return Future.failedFuture(e);
                }
                String document = codec.encode(after);
                long expected = stored.get().version();
                return store.compareAndSet(expected, document).compose(written -> written
                        ? adopt(new SigningKeyStore.Versioned(expected + 1, document)).map(new Rotation(before, after))
                        : Future.failedFuture(KeyRotationException.conflict()));
            });
        });
    }

    /**
     * Rotates when the current key has signed for the rotation period and the next key may sign;
     * empty when not due, or when another replica rotated first.
     */
    public Future<Optional<Rotation>> rotateIfDue() {
        KeySet held = set;
        if (held == null || !held.rotationDue(clock.instant(), options.rotationPeriod())
                || clock.instant().isBefore(held.nextUsableAt(options.propagationDelay()))) {
            return Future.succeededFuture(Optional.empty());
        }
        return rotate().map(Optional::of).recover(e -> e instanceof KeyRotationException
                ? Future.succeededFuture(Optional.empty()) : Future.failedFuture(e));
    }

    /** The key set this replica uses (empty before {@link #start}). */
    public Optional<KeySet> keySet() {
        return Optional.ofNullable(set);
    }

    public KeyRotationOptions options() {
        return options;
    }
}
