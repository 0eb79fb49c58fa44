package jp.jpkigate.consent.audit;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One entry of the audit chain as stored ({@link AuditChain} defines the hash). The event is kept
 * as the stored JSON text, not re-serialized, so a verifier hashes exactly what the log holds.
 *
 * @param seq the entry's number, from 1, without gaps
 * @param prev the previous entry's hash ({@link AuditChain#GENESIS} for entry 1)
 * @param eventJson the event's canonical JSON as stored
 * @param hash this entry's hash as stored
 */
public record AuditEntry(long seq, String prev, String eventJson, String hash) {
    public AuditEntry {
        if (seq < 1) {
            throw new IllegalArgumentException("seq starts at 1, got " + seq);
        }
        Objects.requireNonNull(prev, "prev");
        Objects.requireNonNull(eventJson, "eventJson");
        Objects.requireNonNull(hash, "hash");
    }

    /** The stored event's bytes (UTF-8). */
    public byte[] eventBytes() {
        return eventJson.getBytes(StandardCharsets.UTF_8);
    }

    /** The event; {@link IllegalArgumentException} when the stored JSON is not one. */
    public ConsentAuditEvent event() {
        return ConsentAuditEvent.parse(eventBytes());
    }

    /** Whether {@link #hash} is what {@link AuditChain#hash} gives for this entry's seq, prev and event. */
    public boolean hashMatches() {
        return AuditChain.HASH.matcher(prev).matches() && hash.equals(AuditChain.hash(seq, prev, eventBytes()));
    }
}
