package jp.jpkigate.idp.store;

import io.vertx.core.Future;
import java.time.Duration;

/**
 * Remembers one-time values for as long as they could be replayed: a client assertion's
 * {@code jti} (RFC 7523 §3 item 7: "The authorization server MAY ensure that JWTs are not
 * replayed"; FAPI 2.0 requires it) and a DPoP proof's key thumbprint and {@code jti} (RFC 9449
 * §11.1, namespace {@code dpop}, for the proof's {@code iat} window).
 *
 * <p>Contract: {@link #firstUse} is atomic across all replicas sharing the store — of any number of
 * concurrent calls with the same {@code namespace} and {@code value} within {@code ttl}, exactly one
 * completes with {@code true}. A store failure fails the future (the caller fails closed).
 */
public interface ReplayCache {
    /**
     * Records {@code value} in {@code namespace} for {@code ttl}.
     *
     * @return {@code true} when the value was not seen before (first use), {@code false} for a replay
     */
    Future<Boolean> firstUse(String namespace, String value, Duration ttl);
}
