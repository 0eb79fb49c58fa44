package jp.jpkigate.idp.store;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The identity claims an access token may read at {@code /userinfo}, stored only when there are
 * any (a signature-certificate login that was granted the 4 information). Keyed by the hash of the
 * access token's {@code jti}, kept exactly as long as the token lives, holding only the claims to
 * release (no certificate, no raw 4 information codes): the minimum userinfo needs.
 *
 * <p>Contract: {@link #put} never overwrites; {@link #find} returns the claims until the TTL ends,
 * then empty; a store failure fails the future.
 */
public interface UserInfoClaimsStore {
    Future<Void> put(String jti, Map<String, Object> claims, Duration ttl);

    Future<Optional<Map<String, Object>>> find(String jti);
}
