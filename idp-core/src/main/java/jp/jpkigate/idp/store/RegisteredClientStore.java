package jp.jpkigate.idp.store;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/**
 * The clients registered through the admin API, shared by every replica: one record (JSON) per
 * client id, kept when a client is disabled. Every write raises a version, so replicas find out
 * with one small read that something changed; a write that races another fails instead of losing it.
 */
public interface RegisteredClientStore {
    /** Raised by every write; 0 before the first. */
    Future<Long> version();

    /** Every record. */
    Future<List<String>> all();

    Future<Optional<String>> find(String clientId);

    /** Stores a new client's record; false when the id is taken. */
    Future<Boolean> create(String clientId, String record);

    /** Replaces a record if it is still {@code expected}; false when it changed meanwhile (or is gone). */
    Future<Boolean> replace(String clientId, String expected, String record);
}
