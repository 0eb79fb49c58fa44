package jp.jpkigate.feed.flow;

import io.vertx.core.Future;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs the feed's work on one consent one piece at a time on this replica: a provision that asked J-LIS and a
 * withdrawal of the same consent never interleave, so no change event is enqueued behind a withdrawal. (The
 * periodic tasks that deliver share one lease, so they run on one replica.)
 */
final class ConsentLocks {
    private final Map<String, Future<?>> tails = new HashMap<>();

    <T> Future<T> run(String consentId, Supplier<Future<T>> work) {
        Future<T> result;
        synchronized (tails) {
            Future<?> previous = tails.getOrDefault(consentId, Future.succeededFuture());
            result = previous.transform(ar -> work.get());
            tails.put(consentId, result);
        }
        Future<T> mine = result;
        return mine.onComplete(ar -> {
            synchronized (tails) {
                tails.remove(consentId, mine);
            }
        });
    }
}
