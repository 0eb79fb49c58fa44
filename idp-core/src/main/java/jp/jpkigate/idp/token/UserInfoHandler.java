package jp.jpkigate.idp.token;

import io.vertx.core.Future;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.idp.mtls.CertificateBinding;
import jp.jpkigate.idp.mtls.CertificateThumbprint;
import jp.jpkigate.idp.mtls.ClientCertificate;
import jp.jpkigate.idp.store.UserInfoClaimsStore;
import jp.jpkigate.idp.token.BearerTokenException.Code;

/**
 * OIDC Core §5.3 UserInfo, without HTTP types: the {@code Authorization} header's Bearer token
 * (RFC 6750 §2.1) is verified (signature, claims, not revoked), needs the {@code openid} scope, and yields {@code sub} plus the
 * claims stored for its {@code jti} — the 4 information only when the grant released them.
 *
 * <p>A certificate-bound token ({@code cnf.x5t#S256}, RFC 8705 §3) is accepted only over a
 * connection that presented the same client certificate; with another certificate or none it is
 * 401 {@code invalid_token}.
 */
public final class UserInfoHandler {
    private final AccessTokenVerifier verifier;
    private final UserInfoClaimsStore claims;

    public UserInfoHandler(AccessTokenVerifier verifier, UserInfoClaimsStore claims) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.claims = Objects.requireNonNull(claims, "claims");
    }

    public Future<Map<String, Object>> handle(Optional<String> authorization) {
        return handle(authorization, Optional.empty());
    }

    /** With the client certificate of the request's mutual-TLS connection, if any. */
    public Future<Map<String, Object>> handle(Optional<String> authorization, Optional<ClientCertificate> certificate) {
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
            try {
                checkBinding(token, certificate);
            } catch (BearerTokenException e) {
                return Future.failedFuture(e);
            }
            return claims.find(token.jti()).map(stored -> {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("sub", token.subject());
                stored.ifPresent(out::putAll);
                return out;
            });
        });
    }

    /** RFC 8705 §3: a certificate-bound token needs its certificate on this connection. */
    private static void checkBinding(AccessTokenVerifier.VerifiedAccessToken token, Optional<ClientCertificate> certificate)
            throws BearerTokenException {
        if (token.confirmation().isEmpty()) {
            return;
        }
        Confirmation cnf = token.confirmation().get();
        if (!cnf.isCertificate()) {
            throw new BearerTokenException(Code.INVALID_TOKEN, "unsupported confirmation method");
        }
        if (!CertificateBinding.sameCertificate(new CertificateThumbprint(cnf.thumbprint()), certificate)) {
            throw new BearerTokenException(Code.INVALID_TOKEN,
                    "the access token is bound to a client certificate this connection did not present");
        }
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
