package jp.jpkigate.revocation.store;

import java.util.regex.Pattern;

/**
 * "Source {@code sourceId} now has data version {@code version}": sent when a snapshot becomes
 * current in the {@link SnapshotStore}, and replayed from {@link SnapshotStore#versions()} after a
 * subscription (re)starts.
 *
 * @param sourceId what the snapshot covers (a CA generation or one of its CRL partitions)
 * @param version  the global data version, from {@link SnapshotStore#nextVersion()} (1 or more)
 */
public record SnapshotAnnouncement(String sourceId, long version) {
    private static final Pattern SOURCE_ID = Pattern.compile("[A-Za-z0-9._:/-]{1,200}");

    public SnapshotAnnouncement {
        checkSourceId(sourceId);
        if (version < 1) {
            throw new IllegalArgumentException("a data version is 1 or more: " + version);
        }
    }

    /**
     * Checks a source id: 1 to 200 characters of {@code A-Z a-z 0-9 . _ : / -} (it becomes part of
     * Redis keys and announcement messages).
     */
    public static String checkSourceId(String sourceId) {
        if (sourceId == null || !SOURCE_ID.matcher(sourceId).matches()) {
            throw new IllegalArgumentException("a source id is 1 to 200 of A-Z a-z 0-9 . _ : / -, got " + sourceId);
        }
        return sourceId;
    }
}
