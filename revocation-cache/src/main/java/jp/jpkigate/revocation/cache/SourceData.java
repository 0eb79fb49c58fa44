package jp.jpkigate.revocation.cache;

import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.revocation.crl.CrlSnapshot;

/**
 * One CRL source of an issuer (the CA-wide CRL, or one municipality partition) and its data.
 *
 * @param sourceId  the configured source id
 * @param partition the partition label, empty for a CA-wide CRL
 * @param snapshot  the loaded data, empty before the first load
 * @param version   the data version, 0 before the first load
 */
public record SourceData(String sourceId, Optional<String> partition, Optional<CrlSnapshot> snapshot, long version) {
    public SourceData {
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(snapshot, "snapshot");
    }

    SourceData with(CrlSnapshot next, long nextVersion) {
        return new SourceData(sourceId, partition, Optional.of(next), nextVersion);
    }
}
