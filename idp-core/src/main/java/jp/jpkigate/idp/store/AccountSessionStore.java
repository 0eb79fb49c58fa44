package jp.jpkigate.idp.store;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.Optional;
import jp.jpkigate.idp.account.AccountSession;

/**
 * Short-lived sessions of the person's account page, by the random id in the account cookie,
 * owned by the account slice. The id is a bearer secret: implementations keep only its hash.
 *
 * <p>Contract: {@link #create} stores the session for {@code ttl} and never overwrites one (a
 * collision of 256-bit random ids fails the future); {@link #find} returns it until the TTL ends,
 * then empty; a store failure fails the future.
 */
public interface AccountSessionStore {
    Future<Void> create(String sessionId, AccountSession session, Duration ttl);

    Future<Optional<AccountSession>> find(String sessionId);
}
