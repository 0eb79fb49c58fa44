package jp.jpkigate.idp.store;

import io.vertx.core.Future;
import java.time.Duration;

/**
 * Remembers one-time values (a client assertion's {@code jti}, later DPoP proof {@code jti}s) for
 * as long as they could be replayed. Owned by client authentication (RFC 7523 §3 item 7: "The
 * authorization server MAY ensure that JWTs are not replayed"; FAPI 2.0 requires it).
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
