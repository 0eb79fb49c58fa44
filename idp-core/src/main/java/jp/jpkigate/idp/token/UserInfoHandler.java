package jp.jpkigate.idp.token;

import io.vertx.core.Future;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.idp.store.UserInfoClaimsStore;
import jp.jpkigate.idp.token.BearerTokenException.Code;

/**
 * OIDC Core §5.3 UserInfo, without HTTP types: the {@code Authorization} header's Bearer token
 * (RFC 6750 §2.1) is verified (signature, claims, not revoked), needs the {@code openid} scope, and yields {@code sub} plus the
 * claims stored for its {@code jti} — the 4 information only when the grant released them.
 */
public final class UserInfoHandler {
    private final AccessTokenVerifier verifier;
    private final UserInfoClaimsStore claims;

    public UserInfoHandler(AccessTokenVerifier verifier, UserInfoClaimsStore claims) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.claims = Objects.requireNonNull(claims, "claims");
    }

    public Future<Map<String, Object>> handle(Optional<String> authorization) {
        String presented;
        try {
            presented = bearer(authorization);
        } catch (BearerTokenException e) {
            return Future.failedFuture(e);
        }
        return verifier.verify(presented).compose(token -> {
            if (!token.scopes().contains("openid")) {
                return Future.failedFuture(new BearerTokenException(Code.INSUFFICIENT_SCOPE, "the openid scope is required"));
            }
            return claims.find(token.jti()).map(stored -> {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("sub", token.subject());
                stored.ifPresent(out::putAll);
                return out;
            });
        });
    }

    private static String bearer(Optional<String> authorization) throws BearerTokenException {
        if (authorization.isEmpty()) {
            throw new BearerTokenException(Code.MISSING, "no access token");
        }
        String header = authorization.get();
        int space = header.indexOf(' ');
        if (space < 0 || !header.substring(0, space).equalsIgnoreCase("Bearer")) {
            throw new BearerTokenException(Code.INVALID_REQUEST, "the Authorization header must use the Bearer scheme");
        }
        String token = header.substring(space + 1).trim();
        if (token.isEmpty()) {
            throw new BearerTokenException(Code.INVALID_REQUEST, "empty Bearer token");
        }
        return token;
    }
}
