package jp.jpkigate.revocation.store;

import java.util.Objects;
import jp.jpkigate.revocation.crl.CrlSnapshot;

/** A snapshot as stored: the source it covers, its data version, and the decoded snapshot. */
public record VersionedSnapshot(String sourceId, long version, CrlSnapshot snapshot) {
    public VersionedSnapshot {
        SnapshotAnnouncement.checkSourceId(sourceId);
        Objects.requireNonNull(snapshot, "snapshot");
    }
}
