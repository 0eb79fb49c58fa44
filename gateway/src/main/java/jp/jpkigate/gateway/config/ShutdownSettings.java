package jp.jpkigate.gateway.config;

import java.time.Duration;

/**
 * What the gateway does on SIGTERM: {@code /health/ready} answers 503 at once, the listener keeps
 * serving for {@code delay} (load balancers take the replica out), then stops accepting and waits
 * up to {@code drain} for the requests in flight before it stops.
 *
 * @param delay how long it keeps serving after the signal, readiness already failing
 * @param drain how long it waits at most for the requests in flight once it no longer accepts
 */
public record ShutdownSettings(Duration delay, Duration drain) {
    /** Stops at once (tests, embedded use). */
    public static final ShutdownSettings IMMEDIATE = new ShutdownSettings(Duration.ZERO, Duration.ZERO);

    /** From {@code shutdown.*}: no delay (Kubernetes' preStop does that), a 20-second drain. */
    static ShutdownSettings read(RawSettings raw) {
        Integer delay = raw.integer("shutdown.delaySeconds", 0, 300, 0);
        Integer drain = raw.integer("shutdown.drainSeconds", 0, 600, 20);
        return delay == null || drain == null ? null : new ShutdownSettings(Duration.ofSeconds(delay), Duration.ofSeconds(drain));
    }

    /** The longest a stop can take before the rest (Redis clients, dev services) is closed. */
    public Duration total() {
        return delay.plus(drain);
    }

    String describe() {
        return "ready fails at once, " + delay.toSeconds() + " s more serving, then up to " + drain.toSeconds()
                + " s for requests in flight";
    }
}
