package jp.jpkigate.revocation.crl;

import java.util.Objects;
import jp.jpkigate.revocation.index.RevokedSerialIndex;

/** An index and what it was built from; immutable, published as a whole by its owner. */
public record CrlSnapshot(RevokedSerialIndex index, CrlMetadata metadata) {
    public CrlSnapshot {
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(metadata, "metadata");
    }
}
