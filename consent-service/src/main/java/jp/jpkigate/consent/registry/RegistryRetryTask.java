package jp.jpkigate.consent.registry;

import io.vertx.core.Future;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import jp.jpkigate.consent.store.RegistryQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The periodic retry of what J-LIS has not acknowledged yet: each run takes the consents whose next attempt
 * is due ({@link RegistryQueue#due}, at most {@code batch}) and gives each one attempt ({@link
 * RegistrySync#retry}), one after the other so an outage is not answered with a burst. A consent whose
 * attempt fails for another reason (the store) stays queued for the next run. Run by {@link LeasedTask} on
 * one replica at a time; tests call {@link #runOnce()} with a clock they move.
 */
public final class RegistryRetryTask {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryRetryTask.class);

    private final RegistryQueue queue;
    private final RegistrySync sync;
    private final Clock clock;
    private final int batch;

    public RegistryRetryTask(RegistryQueue queue, RegistrySync sync, Clock clock, int batch) {
        this.queue = Objects.requireNonNull(queue, "queue");
        this.sync = Objects.requireNonNull(sync, "sync");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be at least 1");
        }
        this.batch = batch;
    }

    /** One run; completes with how many consents were attempted. */
    public Future<Integer> runOnce() {
        return queue.due(clock.instant(), batch).compose(ids -> attempt(ids, 0).map(ids.size()));
    }

    private Future<Void> attempt(List<String> ids, int index) {
        if (index >= ids.size()) {
            return Future.succeededFuture();
        }
        String id = ids.get(index);
        return sync.retry(id)
                .<Void>transform(ar -> {
                    if (ar.failed()) {
                        LOG.warn("retry of consent {} failed: {}", id, ar.cause().getClass().getName());
                    }
                    return Future.succeededFuture();
                })
                .compose(v -> attempt(ids, index + 1));
    }
}
