package jp.jpkigate.idp.store;

import io.vertx.core.Future;
import java.time.Duration;

/**
 * Grants whose access tokens are revoked (a replayed authorization code, a reused refresh token).
 * Access tokens are self-contained JWTs, so whoever accepts them asks here by the token's grant id.
 *
 * <p>Contract: {@link #revoke} marks the grant for {@code ttl} from now, which must reach past the
 * expiry of every access token the grant issued (the access-token lifetime and some clock skew);
 * {@link #isRevoked} answers whether the grant is marked. A store failure fails the future.
 */
public interface GrantRevocations {
    Future<Void> revoke(String grantId, Duration ttl);

    Future<Boolean> isRevoked(String grantId);
}
