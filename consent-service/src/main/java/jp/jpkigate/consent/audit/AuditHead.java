package jp.jpkigate.consent.audit;

/**
 * The end of the audit chain: the last entry's sequence number and hash ({@code 0} and
 * {@link AuditChain#GENESIS} for an empty log).
 */
public record AuditHead(long seq, String hash) {
    /** The head of an empty log. */
    public static final AuditHead EMPTY = new AuditHead(0, AuditChain.GENESIS);

    public AuditHead {
        if (seq < 0) {
            throw new IllegalArgumentException("seq must not be negative");
        }
        if (hash == null || !AuditChain.HASH.matcher(hash).matches()) {
            throw new IllegalArgumentException("hash must be 64 lowercase hex digits");
        }
    }

    /** The head after {@code entry}. */
    public static AuditHead of(AuditEntry entry) {
        return new AuditHead(entry.seq(), entry.hash());
    }
}
