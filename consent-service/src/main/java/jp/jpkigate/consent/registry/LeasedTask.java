package jp.jpkigate.consent.registry;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import jp.jpkigate.revocation.store.LeaderLease;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a periodic task on a Vert.x timer on one replica at a time: each tick takes (or keeps) the task's
 * {@link LeaderLease} — the revocation cache's Redis lease, judged by the injected clock — and runs the work
 * only while it holds it; a replica that dies stops renewing, and another takes over once the lease has
 * expired. A tick while the previous run is still going does nothing. Tests call {@link #tick()} with a
 * clock they move (or the task's own {@code runOnce()}), never sleep.
 */
public final class LeasedTask {
    private static final Logger LOG = LoggerFactory.getLogger(LeasedTask.class);

    private final Vertx vertx;
    private final LeaderLease lease;
    private final Duration every;
    private final Supplier<Future<?>> work;
    private long timerId = -1;
    private boolean running;

    /** @param lease held for longer than {@code every} (three times is a good value) so the holder keeps it */
    public LeasedTask(Vertx vertx, LeaderLease lease, Duration every, Supplier<Future<?>> work) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.lease = Objects.requireNonNull(lease, "lease");
        this.every = Objects.requireNonNull(every, "every");
        this.work = Objects.requireNonNull(work, "work");
        if (every.toMillis() < 1 || lease.duration().compareTo(every) <= 0) {
            throw new IllegalArgumentException("the lease must outlast the interval");
        }
    }

    /** Starts the timer (call on the context the task should run on). */
    public void start() {
        if (timerId < 0) {
            timerId = vertx.setPeriodic(every.toMillis(), id -> tick());
        }
    }

    /** One tick: true when this replica held the lease and ran the work (successfully or not). */
    public Future<Boolean> tick() {
        if (running) {
            return Future.succeededFuture(false);
        }
        running = true;
        return lease.acquire()
                .compose(held -> held ? work.get().<Boolean>transform(ar -> {
                    if (ar.failed()) {
                        LOG.warn("periodic task failed: {}", ar.cause().getClass().getName());
                    }
                    return Future.succeededFuture(true);
                }) : Future.succeededFuture(false))
                .<Boolean>transform(ar -> {
                    running = false;
                    return ar.succeeded() ? Future.succeededFuture(ar.result()) : Future.succeededFuture(false);
                });
    }

    /** Stops the timer and frees the lease for another replica. */
    public Future<Void> stop() {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
            timerId = -1;
        }
        return lease.release().mapEmpty();
    }
}
