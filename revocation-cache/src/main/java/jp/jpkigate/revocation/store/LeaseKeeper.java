package jp.jpkigate.revocation.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a {@link LeaderLease} on a Vert.x timer: every {@code every} it renews the lease while this
 * replica holds it, or tries to acquire it otherwise, and tells the {@link LeaseListener} when
 * leadership is gained or lost.
 *
 * <p>Leadership is lost when a renew is refused (another replica took the lease over after it
 * expired) or when Redis cannot be reached and the lease would expire before the next tick could
 * renew it; {@link #leading()} is false from then on, so ingest stops before another replica can
 * take over. {@link #tick()} is public so tests drive it with a mutable clock instead of timers.
 * All methods run on the event loop of the context that calls {@link #start()}.
 */
public final class LeaseKeeper {
    private static final Logger LOG = LoggerFactory.getLogger(LeaseKeeper.class);

    private final Vertx vertx;
    private final LeaderLease lease;
    private final Clock clock;
    private final Duration every;
    private final LeaseListener listener;
    private long timerId = -1;
    private boolean leading;
    private boolean busy;
    private long validUntil;

    /**
     * @param every how often to renew or try to acquire; must be well under the lease duration
     *              (a third of it is a good value)
     */
    public LeaseKeeper(Vertx vertx, LeaderLease lease, Clock clock, Duration every, LeaseListener listener) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.lease = Objects.requireNonNull(lease, "lease");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.every = Objects.requireNonNull(every, "every");
        this.listener = Objects.requireNonNull(listener, "listener");
        if (every.isNegative() || every.isZero() || every.compareTo(lease.duration()) >= 0) {
            throw new IllegalArgumentException("renew interval must be positive and shorter than the lease");
        }
    }

    /** Ticks now and then every {@code every}. */
    public Future<Boolean> start() {
        if (timerId < 0) {
            timerId = vertx.setPeriodic(every.toMillis(), id -> tick());
        }
        return tick();
    }

    /** Whether this replica holds the lease now (by its own clock): ingest only while true. */
    public boolean leading() {
        return leading && clock.millis() < validUntil;
    }

    /**
     * One renew (when leading) or acquire attempt; completes with {@link #leading()} afterwards.
     * A tick while the previous one is still waiting for Redis does nothing.
     */
    public Future<Boolean> tick() {
        if (busy) {
            return Future.succeededFuture(leading());
        }
        busy = true;
        long startedAt = clock.millis();
        Future<Boolean> attempt = leading ? lease.renew() : lease.acquire();
        return attempt.transform(result -> {
            busy = false;
            if (result.succeeded() && result.result()) {
                validUntil = startedAt + lease.duration().toMillis();
                if (!leading) {
                    leading = true;
                    LOG.info("lease gained by {}", lease.holderId());
                    listener.gained();
                }
            } else if (result.succeeded()) {
                lose("lease held by another replica");
            } else if (clock.millis() + every.toMillis() >= validUntil) {
                lose("cannot renew the lease in time: " + result.cause());
            } else {
                LOG.warn("lease renew failed, will retry: {}", result.cause().toString());
            }
            return Future.succeededFuture(leading());
        });
    }

    /** Stops the timer, releases the lease if held, and reports the loss. */
    public Future<Void> stop() {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
            timerId = -1;
        }
        if (!leading) {
            return Future.succeededFuture();
        }
        lose("stopped");
        return lease.release().mapEmpty();
    }

    private void lose(String why) {
        if (leading) {
            leading = false;
            LOG.info("lease lost by {}: {}", lease.holderId(), why);
            listener.lost();
        }
    }
}
