package jp.jpkigate.idp.token;

import io.vertx.core.Future;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import jp.jpkigate.idp.dpop.DpopProofVerifier;
import jp.jpkigate.idp.dpop.DpopRequest;
import jp.jpkigate.idp.mtls.ClientCertificate;
import jp.jpkigate.idp.store.UserInfoClaimsStore;

/**
 * OIDC Core §5.3 UserInfo, without HTTP types: the {@code Authorization} header's access token is
 * checked as at every protected resource ({@link ProtectedResourceAccess}: Bearer, DPoP-bound or
 * certificate-bound), needs the {@code openid} scope, and yields {@code sub} plus the claims stored
 * for its {@code jti} — the 4 information only when the grant released them.
 */
public final class UserInfoHandler {
    private static final Set<String> OPENID = Set.of("openid");

    private final ProtectedResourceAccess access;
    private final UserInfoClaimsStore claims;

    public UserInfoHandler(AccessTokenVerifier verifier, UserInfoClaimsStore claims, DpopProofVerifier proofs) {
        this.access = new ProtectedResourceAccess(verifier, proofs);
        this.claims = Objects.requireNonNull(claims, "claims");
    }

    public Future<Map<String, Object>> handle(Optional<String> authorization, DpopRequest dpop) {
        return handle(authorization, dpop, Optional.empty());
    }

    /** With the client certificate of the request's mutual-TLS connection, if any. */
    public Future<Map<String, Object>> handle(Optional<String> authorization, DpopRequest dpop,
                                              Optional<ClientCertificate> certificate) {
        return access.check(authorization, dpop, certificate, OPENID)
                .compose(token -> claims.find(token.jti()).map(stored -> {
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("sub", token.subject());
                    stored.ifPresent(out::putAll);
                    return out;
                }));
    }
}
