package jp.jpkigate.consent.audit;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.consent.statement.CanonicalJson;

/**
 * Walks a {@link ConsentAuditLog} from entry 1 to the head, a page at a time, and checks every
 * entry: its number follows the last one's (no entry removed), its {@code prev} is the last one's
 * hash (none reordered or replaced, no fork), its hash is {@link AuditChain#hash} of its own content
 * (none edited), its event is canonical JSON of a valid {@link ConsentAuditEvent}; and at the end
 * that the head the log records is the last entry. Reports the first failure only: everything after
 * a break is unverifiable anyway.
 *
 * <p>A chain shows tampering by someone who does not rewrite everything from the break to the head.
 * To catch a consistent rewrite, keep the reported head outside Redis (a ticket, a signed report)
 * and compare later runs with it.
 */
public final class AuditChainVerifier {
    /** Entries read per round trip. */
    public static final int DEFAULT_PAGE = 500;

    private final ConsentAuditLog log;
    private final int page;

    public AuditChainVerifier(ConsentAuditLog log) {
        this(log, DEFAULT_PAGE);
    }

    public AuditChainVerifier(ConsentAuditLog log, int page) {
        this.log = Objects.requireNonNull(log, "log");
        if (page < 1) {
            throw new IllegalArgumentException("page must be positive");
        }
        this.page = page;
    }

    /** The report; fails only when the log cannot be read at all (for example Redis is down). */
    public Future<AuditChainReport> verify() {
        return walk(AuditHead.EMPTY);
    }

    private Future<AuditChainReport> walk(AuditHead verified) {
        return log.read(verified.seq() + 1, page).transform(read -> {
            if (read.failed()) {
                return corrupt(read, verified.seq() + 1);
            }
            AuditHead last = verified;
            for (AuditEntry entry : read.result()) {
                Optional<AuditChainReport> broken = check(entry, last);
                if (broken.isPresent()) {
                    return Future.succeededFuture(broken.get());
                }
                last = AuditHead.of(entry);
            }
            return read.result().size() < page ? compareHead(last) : walk(last);
        });
    }

    private static Optional<AuditChainReport> check(AuditEntry entry, AuditHead last) {
        long expected = last.seq() + 1;
        if (entry.seq() > expected) {
            return broken(expected, "entry missing (removed): the log goes on with entry " + entry.seq());
        }
        if (entry.seq() < expected) {
            return broken(expected, "entry " + entry.seq() + " appears again after entry " + last.seq() + " (reordered or duplicated)");
        }
        if (!entry.prev().equals(last.hash())) {
            return broken(expected, "prev is not the hash of entry " + last.seq() + " (entry replaced, reordered or the chain forked)");
        }
        if (!entry.hashMatches()) {
            return broken(expected, "hash does not match the entry's content (entry edited)");
        }
        if (!CanonicalJson.isCanonical(entry.eventBytes())) {
            return broken(expected, "event is not canonical JSON (written around the log's API)");
        }
        try {
            entry.event();
        } catch (IllegalArgumentException e) {
            return broken(expected, "event is not a valid consent audit event: " + e.getMessage());
        }
        return Optional.empty();
    }

    private Future<AuditChainReport> compareHead(AuditHead last) {
        return log.head().transform(read -> {
            if (read.failed()) {
                return corrupt(read, Math.max(1, last.seq()));
            }
            AuditHead head = read.result();
            if (head.seq() > last.seq()) {
                return report(last.seq() + 1, "entry missing (removed): the head says the log ends at entry " + head.seq()
                        + " but it ends at entry " + last.seq());
            }
            if (head.seq() < last.seq()) {
                return report(head.seq() + 1, "the head says the log ends at entry " + head.seq() + " but it goes on to entry "
                        + last.seq() + " (head changed or entries appended around it)");
            }
            if (!head.hash().equals(last.hash())) {
                return report(last.seq(), "the head's hash is not the hash of entry " + last.seq() + " (head changed)");
            }
            return Future.succeededFuture(new AuditChainReport.Intact(last.seq(), last.hash()));
        });
    }

    /**
     * A corrupt entry or head is a broken chain (a corrupt head is reported at {@code headPlace});
     * any other failure (Redis unreachable) is no verdict.
     */
    private static Future<AuditChainReport> corrupt(AsyncResult<?> failed, long headPlace) {
        if (failed.cause() instanceof CorruptAuditLogException corrupt) {
            return corrupt.seq() == 0 ? report(headPlace, "the head is corrupt: " + corrupt.why())
                    : report(corrupt.seq(), "entry is corrupt: " + corrupt.why());
        }
        return Future.failedFuture(failed.cause());
    }

    private static Optional<AuditChainReport> broken(long seq, String why) {
        return Optional.of(new AuditChainReport.Broken(seq, why));
    }

    private static Future<AuditChainReport> report(long seq, String why) {
        return Future.succeededFuture(new AuditChainReport.Broken(seq, why));
    }
}
