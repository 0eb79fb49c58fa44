package jp.jpkigate.consent.audit;

/** What {@link AuditChainVerifier} found: the whole chain intact, or where it first breaks. */
public sealed interface AuditChainReport {
    /** The line the {@code verify-consent-audit} command prints. */
    String line();

    /**
     * Every entry is in place and hashes to what the next one and the head say.
     *
     * @param count how many entries the log holds
     * @param head the last entry's hash ({@link AuditChain#GENESIS} for an empty log)
     */
    record Intact(long count, String head) implements AuditChainReport {
        @Override
        public String line() {
            return "audit chain OK: " + count + (count == 1 ? " entry" : " entries") + ", head " + head;
        }
    }

    /**
     * The first place the chain does not hold.
     *
     * @param seq the first entry that is wrong or missing
     * @param why what is wrong, naming no stored content
     */
    record Broken(long seq, String why) implements AuditChainReport {
        @Override
        public String line() {
            return "audit chain BROKEN at seq " + seq + ": " + why;
        }
    }
}
