package jp.jpkigate.feed.receiver;

import java.time.Instant;

/**
 * Remembers the {@code jti}s of accepted SETs so that a redelivered SET (at-least-once delivery)
 * reaches the application once. RFC 8935 §2.3 / RFC 8936: a duplicate is not an error to the
 * transmitter, it is acknowledged again. Implementations are thread-safe.
 */
public interface ReplayGuard {
    /**
     * Records the jti.
     *
     * @param issuedAt the SET's {@code iat}: a guard may forget jtis older than the verifier accepts
     * @return {@code true} the first time, {@code false} for a jti seen before
     */
    boolean firstSeen(String jti, Instant issuedAt);
}
