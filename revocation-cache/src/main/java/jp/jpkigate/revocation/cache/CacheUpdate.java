package jp.jpkigate.revocation.cache;

import java.util.List;
import java.util.Objects;
import jp.jpkigate.revocation.crl.CrlSnapshot;
import jp.jpkigate.revocation.service.IssuerKey;
import jp.jpkigate.revocation.service.RevocationChange;

/**
 * One new snapshot of one source, as published to {@link CacheListener}s.
 *
 * @param sourceId the source
 * @param issuer   its CA generation
 * @param snapshot the data now in force
 * @param version  its data version
 * @param changes  status changes against the previous data (empty for the first load and for
 *                 snapshots installed from elsewhere: their changes were announced by whoever ingested them)
 * @param origin   whether this replica ingested the CRL or installed a snapshot made elsewhere
 */
public record CacheUpdate(String sourceId, IssuerKey issuer, CrlSnapshot snapshot, long version,
                          List<RevocationChange> changes, Origin origin) {
    /** Where a snapshot came from. */
    public enum Origin { INGESTED, INSTALLED }

    public CacheUpdate {
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(snapshot, "snapshot");
        changes = List.copyOf(changes);
        Objects.requireNonNull(origin, "origin");
    }
}
