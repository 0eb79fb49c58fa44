package jp.jpkigate.consent.audit;

import io.vertx.core.Future;
import java.util.List;

/**
 * The append-only, hash-chained audit log of every consent event ({@link AuditChain}), shared by
 * every gateway replica. Contract for implementations:
 * <ul>
 *   <li>the chain never forks: with many replicas appending at once, every entry links to the one
 *       before it, and entries are numbered 1, 2, 3 … without gaps;</li>
 *   <li>durable: {@link #append} succeeds only once the store has accepted the entry (in Redis with
 *       AOF {@code appendfsync always}, once it is on disk);</li>
 *   <li>nothing is edited or removed through this interface;</li>
 *   <li>reads return what is stored, as stored: checking it is {@link AuditChainVerifier}'s job.</li>
 * </ul>
 */
public interface ConsentAuditLog {
    /** Appends {@code event} after the current head; the future holds the new entry. */
    Future<AuditEntry> append(ConsentAuditEvent event);

    /**
     * Up to {@code limit} entries from sequence number {@code fromSeq} (inclusive, from 1), in order.
     * A stored entry that is not even an entry (fields missing or malformed) fails the future with
     * {@link CorruptAuditLogException}.
     */
    Future<List<AuditEntry>> read(long fromSeq, int limit);

    /**
     * The head as the log records it ({@link AuditHead#EMPTY} for an empty log); a malformed one
     * fails the future with {@link CorruptAuditLogException} (seq 0).
     */
    Future<AuditHead> head();
}
