package jp.jpkigate.idp.store;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.Optional;
import jp.jpkigate.idp.login.LoginState;
import jp.jpkigate.idp.login.LoginTransaction;

/**
 * Login transactions by id, owned by the login flow ({@code /authorize} creates, the signer API and
 * the page move them).
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #create} stores a new transaction for {@code ttl} and never overwrites one (a
 *       collision of 256-bit random ids fails the future).</li>
 *   <li>{@link #get} returns the stored transaction, or empty once the TTL has passed. The TTL is
 *       storage housekeeping; callers judge expiry from {@link LoginTransaction#expiresAt()}.</li>
 *   <li>{@link #compareAndSet} replaces the stored transaction with {@code next} (same id) only if
 *       the stored one is still in state {@code expected}, atomically across every replica: of any
 *       number of concurrent calls with the same {@code expected}, at most one returns {@code true}.
 *       The TTL is kept. A missing transaction returns {@code false}.</li>
 *   <li>A store failure fails the future; callers answer {@code server_error}.</li>
 * </ul>
 */
public interface LoginTransactionStore {
    Future<Void> create(LoginTransaction transaction, Duration ttl);

    Future<Optional<LoginTransaction>> get(String id);

    Future<Boolean> compareAndSet(LoginState expected, LoginTransaction next);
}
