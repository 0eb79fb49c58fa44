package jp.jpkigate.idp.token;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.vertx.core.Future;
import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.idp.store.RefreshTokenLookup;

/**
 * What a token presented to introspection (RFC 7662) or revocation (RFC 7009) is, by its format: a
 * refresh token ({@link RefreshTokens}, found in its family) or one of the OP's JWT access tokens
 * (valid by {@link AccessTokenVerifier}: signature, issuer, audience, not expired, grant not
 * revoked). The two formats cannot be confused, so {@code token_type_hint} is never needed. Anything
 * else — expired, revoked, forged, unknown, an ID token — is {@link Found.Nothing}. Who may learn
 * or revoke it is the caller's decision. A store failure fails the future.
 */
public final class TokenLookup {
    private final AccessTokenVerifier accessTokens;
    private final RefreshTokenLookup refreshTokens;

    public TokenLookup(AccessTokenVerifier accessTokens, RefreshTokenLookup refreshTokens) {
        this.accessTokens = Objects.requireNonNull(accessTokens, "accessTokens");
        this.refreshTokens = Objects.requireNonNull(refreshTokens, "refreshTokens");
    }

    /** The outcome of {@link #find}. */
    public sealed interface Found {
        /** A valid access token and all its claims. */
        record AccessToken(AccessTokenVerifier.VerifiedAccessToken token, JWTClaimsSet claims) implements Found {
        }

        /** A refresh token of a live family: its current token, or one rotated away. */
        record RefreshToken(String familyId, RefreshTokenLookup.Family family) implements Found {
        }

        record Nothing() implements Found {
        }
    }

    public Future<Found> find(String token) {
        Optional<String> family = RefreshTokens.familyOf(token);
        if (family.isPresent()) {
            return refreshTokens.find(family.get(), token).map(found -> found
                    .<Found>map(f -> new Found.RefreshToken(family.get(), f))
                    .orElseGet(Found.Nothing::new));
        }
        return accessTokens.verifyWithClaims(token)
                .<Found>map(valid -> new Found.AccessToken(valid.token(), valid.claims()))
                .recover(failure -> failure instanceof BearerTokenException
                        ? Future.succeededFuture(new Found.Nothing())
                        : Future.failedFuture(failure));
    }
}
