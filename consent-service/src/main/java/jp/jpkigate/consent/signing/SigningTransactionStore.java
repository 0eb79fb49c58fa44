package jp.jpkigate.consent.signing;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.Optional;

/**
 * Document signing transactions by id, owned by {@link DocumentSigning}.
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #create} stores a new transaction for {@code ttl} and never overwrites one (a collision of
 *       256-bit random ids fails the future).</li>
 *   <li>{@link #find} returns it until the TTL ends, then empty; callers judge expiry from
 *       {@link SigningTransaction#expiresAt()}.</li>
 *   <li>{@link #compareAndSet} replaces the stored transaction with {@code next} only if it is still in
 *       state {@code expected}, atomically across replicas: of concurrent calls with the same
 *       {@code expected} at most one returns true. The TTL is kept; a missing transaction is false.</li>
 *   <li>A store failure fails the future.</li>
 * </ul>
 */
public interface SigningTransactionStore {
    Future<Void> create(SigningTransaction transaction, Duration ttl);

    Future<Optional<SigningTransaction>> find(String id);

    Future<Boolean> compareAndSet(SigningState expected, SigningTransaction next);
}
