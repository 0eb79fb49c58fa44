package jp.jpkigate.revocation.index;

/** What a {@link RevokedSerialIndexBuilder} does when one serial is added twice. */
public enum DuplicatePolicy {
    /** Fail the build with a {@link DuplicateSerialException}. */
    REJECT,
    /**
     * Keep one entry: the earliest revocation day, and on equal days the lowest reason code. The
     * result does not depend on the order in which the entries were added.
     */
    KEEP_EARLIEST
}
