package jp.jpkigate.idp.token;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.Objects;
import jp.jpkigate.idp.oauth.OAuthError;
import jp.jpkigate.idp.store.GrantRevocations;
import jp.jpkigate.idp.store.RefreshTokenStore;

/**
 * Revokes everything a grant issued: its access tokens, by a marker that {@link AccessTokenVerifier}
 * reads, kept for the access-token lifetime plus {@link #SKEW} (a token minted by a refresh racing
 * the revocation, clocks of other replicas), then its refresh-token family.
 *
 * <p>A replayed code may race its first redemption. The marker goes first and the family second,
 * while a redemption {@link #issueUnlessRevoked issues the family only while there is no marker}, in
 * one step: whichever order the two reach Redis in, no family outlives the revocation.
 */
public final class GrantRevoker {
    static final Duration SKEW = Duration.ofMinutes(1);

    private final RefreshTokenStore refreshTokens;
    private final GrantRevocations revocations;
    private final Duration markerTtl;

    public GrantRevoker(RefreshTokenStore refreshTokens, GrantRevocations revocations, Duration accessTokenLifetime) {
        this.refreshTokens = Objects.requireNonNull(refreshTokens, "refreshTokens");
        this.revocations = Objects.requireNonNull(revocations, "revocations");
        this.markerTtl = accessTokenLifetime.plus(SKEW);
    }

    public Future<Void> revoke(String grantId) {
        return revocations.revoke(grantId, markerTtl).compose(v -> refreshTokens.revoke(grantId));
    }

    /**
     * Issues the grant's refresh-token family (named by the grant id) unless the grant is revoked,
     * in one step ({@link RefreshTokenStore#issueUnlessRevoked}); a revoked grant fails with
     * {@code invalid_grant} and leaves no family.
     */
    public Future<Void> issueUnlessRevoked(String grantId, String refreshToken, TokenGrant grant, Duration lifetime) {
        return refreshTokens.issueUnlessRevoked(grantId, refreshToken, grant, lifetime).compose(issued -> issued
                ? Future.succeededFuture()
                : Future.failedFuture(OAuthError.INVALID_GRANT
                        .withDescription("the code was used again meanwhile; the grant is revoked").toException()));
    }
}
