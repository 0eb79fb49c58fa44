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
        return issue(grant, nonce, release, refreshToken, SenderConstraint.NONE);
    }

    /**
     * Sender-constrained (RFC 7800 {@code cnf}): the access token bound to the DPoP key ({@code token_type}
     * DPoP, RFC 9449 §5) or the client certificate (RFC 8705 §3) of {@code sender}.
     */
    public Future<TokenResponse> issue(TokenGrant grant, Optional<String> nonce, IdentityClaims.Release release,
                                       String refreshToken, SenderConstraint sender) {
        TokenMinter.AccessToken access = minter.accessToken(grant, sender.confirmation());
        Future<Void> stored = release.userinfo().isEmpty()
                ? Future.succeededFuture()
                : userInfoClaims.put(access.jti(), release.userinfo(), accessTokenLifetime);
        return stored.map(v -> new TokenResponse(access.value(), access.expiresIn(), refreshToken,
                minter.idToken(grant, nonce, access.value(), release.idToken()), grant.scope(),
                sender.tokenType()));
    }
}
