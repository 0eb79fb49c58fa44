package jp.jpkigate.consent.store;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.consent.record.BusinessStatus;

/**
 * Each business's ordered list of its customers' consent status changes, read with a cursor
 * ({@code GET /consent/v1/changes?cursor=…}). Entries name the consent (or invitation) id, the
 * customer number and the new status; never anything of the person.
 *
 * <p>Contract: {@link #append} adds at the end and returns the entry's cursor; {@link #since} returns
 * at most {@code limit} entries after {@code cursor} (from the start when empty) in order, and the
 * cursor to continue from (the given one when there is nothing new). A malformed cursor fails the
 * future with {@link IllegalArgumentException}. Entries older than the retention may be dropped.
 */
public interface ConsentChangeLog {
    record Change(String consentId, String customerNumber, BusinessStatus status, Instant at, Optional<String> reason) {
        public Change {
            Objects.requireNonNull(consentId, "consentId");
            Objects.requireNonNull(customerNumber, "customerNumber");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(reason, "reason");
        }
    }

    record Entry(String cursor, Change change) {
    }

    record Page(List<Entry> entries, String next) {
    }

    Future<String> append(String clientId, Change change);

    Future<Page> since(String clientId, Optional<String> cursor, int limit);
}
