package jp.jpkigate.consent.audit;

/**
 * Something stored in the audit log cannot be read as what it should be (a field missing or
 * malformed): the log was written around its API.
 */
public final class CorruptAuditLogException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final long seq;
    private final String why;

    /**
     * @param seq the place of the corrupt entry, or 0 for the head
     * @param why what is wrong, naming no stored content
     */
    public CorruptAuditLogException(long seq, String why) {
        super((seq == 0 ? "audit head" : "audit entry " + seq) + " is corrupt: " + why);
        this.seq = seq;
        this.why = why;
    }

    /** The place of the corrupt entry, or 0 for the head. */
    public long seq() {
        return seq;
    }

    /** What is wrong. */
    public String why() {
        return why;
    }
}
