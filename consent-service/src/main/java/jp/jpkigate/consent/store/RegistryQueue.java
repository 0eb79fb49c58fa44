package jp.jpkigate.consent.store;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;

/**
 * The consents whose registration with J-LIS (or whose withdrawal's report to it) is still owed, each
 * with the time of its next attempt and how many attempts failed so far. Durable like the records: a
 * consent is queued before J-LIS is first asked, so a crash between the two loses nothing.
 *
 * <p>Contract: {@link #schedule} adds the consent or moves its next attempt; {@link #due} returns at most
 * {@code limit} consent ids whose next attempt is at or before {@code now}, earliest first;
 * {@link #failed} counts one more failed attempt and returns the count; {@link #done} removes the consent
 * and its count (a no-op for one not queued).
 */
public interface RegistryQueue {
    Future<Void> schedule(String consentId, Instant nextAttempt);

    Future<List<String>> due(Instant now, int limit);

    Future<Integer> failed(String consentId);

    Future<Void> done(String consentId);
}
