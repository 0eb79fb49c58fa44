package jp.jpkigate.idp.store;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import jp.jpkigate.idp.approval.Approval;

/**
 * People's remembered consents ({@link Approval}), one per person and client, owned by the consent
 * step of the login (reader and writer) and the person's account page (reader, deleter). The person
 * key is the renewal-stable key from {@code PersonKeyResolver}; implementations must not keep it in
 * clear where it could be listed (hash it into the key).
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #save} stores the approval under (person, {@code approval.clientId()}), replacing the
 *       one there, and keeps the person's approvals at least {@code keep} (never shortening what is
 *       kept for the others). Expiry is judged by callers from {@link Approval#expiresAt()}.</li>
 *   <li>{@link #find} returns the stored approval for (person, client), or empty.</li>
 *   <li>{@link #list} returns all the person's stored approvals, in no particular order.</li>
 *   <li>{@link #delete} removes (person, client) at once, on every replica: a {@link #find} that
 *       starts after it completes sees nothing. True when there was one.</li>
 *   <li>A store failure fails the future; callers answer {@code server_error}.</li>
 * </ul>
 */
public interface ApprovalStore {
    Future<Void> save(String personKey, Approval approval, Duration keep);

    Future<Optional<Approval>> find(String personKey, String clientId);

    Future<List<Approval>> list(String personKey);

    Future<Boolean> delete(String personKey, String clientId);
}
