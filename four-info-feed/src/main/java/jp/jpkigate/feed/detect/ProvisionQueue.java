package jp.jpkigate.feed.detect;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;

/**
 * The durable provision tasks, one per consent, each with the time it is due.
 *
 * <p>Contract: {@link #offer} adds the task only when the consent has none (so the revocation stream, a
 * replay of it and the status check create one task between them), true when added; {@link #due} answers
 * up to {@code max} tasks due at {@code now}, earliest first (a stored task that cannot be read is dropped
 * and logged); {@link #reschedule} stores the task as given, due at {@code due}; {@link #done} removes it.
 */
public interface ProvisionQueue {
    Future<Boolean> offer(ProvisionTask task, Instant due);

    Future<List<ProvisionTask>> due(Instant now, int max);

    Future<Void> reschedule(ProvisionTask task, Instant due);

    Future<Void> done(String consentId);
}
