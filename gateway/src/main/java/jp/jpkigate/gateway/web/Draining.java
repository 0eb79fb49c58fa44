package jp.jpkigate.gateway.web;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.shareddata.Shareable;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Whether this gateway is stopping, one per {@link Vertx}: once {@link #begin begun},
 * {@code /health/ready} answers 503 so load balancers take the replica out, and each listener
 * {@link #shutdown shuts down} gracefully, waiting up to the drain time for requests in flight.
 */
public final class Draining implements Shareable {
    private static final String MAP = "jpki-gate.draining";

    private volatile boolean draining;
    private volatile Duration drain = Duration.ZERO;

    private Draining() {
    }

    /** The state of {@code vertx}'s gateway. */
    public static Draining of(Vertx vertx) {
        return vertx.sharedData().<String, Draining>getLocalMap(MAP).computeIfAbsent("state", key -> new Draining());
    }

    /** From now on readiness fails; listeners shut down waiting up to {@code drain} for their requests. */
    public void begin(Duration drain) {
        this.drain = drain;
        this.draining = true;
    }

    /** Whether {@link #begin} was called. */
    public boolean isDraining() {
        return draining;
    }

    /**
     * Stops {@code server} accepting connections and completes once its requests in flight are
     * answered, or the drain time is over; at once when not draining (an undeploy in tests).
     */
    public Future<Void> shutdown(HttpServer server) {
        if (server == null) {
            return Future.succeededFuture();
        }
        return server.shutdown(draining ? drain.toMillis() : 0, TimeUnit.MILLISECONDS);
    }
}
