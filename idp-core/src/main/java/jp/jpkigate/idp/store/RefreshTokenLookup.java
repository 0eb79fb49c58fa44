package jp.jpkigate.idp.store;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.idp.token.TokenGrant;

/**
 * Reads a refresh token's family ({@link RefreshTokenStore}) without changing it, for token
 * introspection (RFC 7662) and revocation (RFC 7009).
 *
 * <p>Contract: {@link #find} answers the family {@code familyId} when {@code token} is one of its
 * tokens — its current one, or one rotated away — with the grant and how long the family still
 * lives; empty when the family is unknown, expired or revoked, or the token is not one of its
 * tokens. It never rotates and never revokes: presenting a rotated-away token here is not the reuse
 * that the token endpoint punishes. The store compares hashes only. A store failure fails the future.
 */
public interface RefreshTokenLookup {
    Future<Optional<Family>> find(String familyId, String token);

    /**
     * @param grant     what the family mints from (its {@code clientId} owns the family)
     * @param current   whether the token is the family's current one (false: rotated away)
     * @param remaining how long the family still lives
     */
    record Family(TokenGrant grant, boolean current, Duration remaining) {
        public Family {
            Objects.requireNonNull(grant, "grant");
            Objects.requireNonNull(remaining, "remaining");
        }
    }
}
