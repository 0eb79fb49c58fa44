package jp.jpkigate.consent.store;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import jp.jpkigate.consent.invitation.Invitation;

/**
 * Invitations, owned by the business API (writer) and the person's pages (reader).
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #saveAll} stores every invitation (kept {@code retention} past its expiry, so its status
 *       can still be read as expired) and makes each the latest of its (client, customer number). The
 *       future completes only when every one is durably written (the deployment runs Redis with AOF,
 *       fsync on every write): an acknowledged batch survives a crash of the gateway.</li>
 *   <li>{@link #find} returns a stored invitation (expired or used ones too, until the retention ends).</li>
 *   <li>{@link #latestFor} returns the id of the newest invitation saved for (client, customer number).</li>
 *   <li>{@link #latestOfEach} answers, for each customer number in order, the newest invitation saved
 *       for (client, customer number), if still stored, and whether a consent was signed through it: one
 *       round of pipelined reads for a whole batch (a retried batch finds its invitations again).</li>
 *   <li>A store failure fails the future.</li>
 * </ul>
 */
public interface InvitationStore {
    Future<Void> saveAll(List<Invitation> invitations, Duration retention);

    Future<Optional<Invitation>> find(String id);

    Future<Optional<String>> latestFor(String clientId, String customerNumber);

    /** The newest invitation of a customer and whether a consent was signed through it. */
    record Latest(Invitation invitation, boolean used) {
    }

    Future<List<Optional<Latest>>> latestOfEach(String clientId, List<String> customerNumbers);
}
