package jp.jpkigate.idp.token;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.idp.store.UserInfoClaimsStore;

/**
 * Mints the tokens of one response, shared by the grant handlers: the access token, the userinfo
 * claims stored under its {@code jti} (only when there are any), and the ID token.
 */
public final class TokenIssuer {
    private final TokenMinter minter;
    private final UserInfoClaimsStore userInfoClaims;
    private final Duration accessTokenLifetime;

    public TokenIssuer(TokenMinter minter, UserInfoClaimsStore userInfoClaims, Duration accessTokenLifetime) {
        this.minter = Objects.requireNonNull(minter, "minter");
        this.userInfoClaims = Objects.requireNonNull(userInfoClaims, "userInfoClaims");
        this.accessTokenLifetime = Objects.requireNonNull(accessTokenLifetime, "accessTokenLifetime");
    }

    public Future<TokenResponse> issue(TokenGrant grant, Optional<String> nonce, IdentityClaims.Release release,
                                       String refreshToken) {
        return issue(grant, nonce, release, refreshToken, Optional.empty());
    }

    /** With the access token bound to what {@code confirmation} names (RFC 7800 {@code cnf}). */
    public Future<TokenResponse> issue(TokenGrant grant, Optional<String> nonce, IdentityClaims.Release release,
                                       String refreshToken, Optional<Confirmation> confirmation) {
        TokenMinter.AccessToken access = minter.accessToken(grant, confirmation);
        Future<Void> stored = release.userinfo().isEmpty()
                ? Future.succeededFuture()
                : userInfoClaims.put(access.jti(), release.userinfo(), accessTokenLifetime);
        return stored.map(v -> new TokenResponse(access.value(), access.expiresIn(), refreshToken,
                minter.idToken(grant, nonce, access.value(), release.idToken()), grant.scope()));
    }
}
