package jp.jpkigate.idp.store;

import io.vertx.core.Future;
import java.util.Optional;

/**
 * Where the replicas share the OP's signing key set: one versioned document (the sealed
 * {@code KeySet}, see {@code KeySetCodec}). The contract: versions only grow, by one per write, and
 * a write happens only over the version the writer read — so two replicas rotating at once cannot
 * both succeed, and a replica that sees the same version has the same keys.
 */
public interface SigningKeyStore {
    /** A document and its version (1 for the first). */
    record Versioned(long version, String document) {
        @Override
        public String toString() {
            return "Versioned[" + version + "]";
        }
    }

    /** The stored document, if any. */
    Future<Optional<Versioned>> load();

    /** The stored version, 0 when there is none: the cheap check every replica polls. */
    Future<Long> version();

    /**
     * Stores {@code document} as version {@code expectedVersion + 1} if the stored version is
     * {@code expectedVersion} (0: nothing stored yet); false when another write came first.
     */
    Future<Boolean> compareAndSet(long expectedVersion, String document);
}
