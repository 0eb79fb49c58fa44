package jp.jpkigate.idp.store;

import io.vertx.core.Future;
import java.util.List;
import jp.jpkigate.idp.admin.AuditRecord;

/**
 * The admin API's audit log: append-only and durable, shared by every replica, read in the order
 * written. Records carry no secrets (the caller sees to that).
 */
public interface AdminAuditLog {
    /** Appends a record; the future holds the id the log gave it (ids grow in append order). */
    Future<String> append(AuditRecord record);

    /**
     * Up to {@code count} records appended after the one with id {@code afterId} ({@code "0"} or
     * empty: from the first), oldest first.
     *
     * @throws IllegalArgumentException (as the failure) for an id that is not one of the log's
     */
    Future<List<AuditRecord>> after(String afterId, int count);
}
