package jp.jpkigate.consent.api;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.Objects;
import java.util.Set;
import jp.jpkigate.idp.dpop.DpopProofVerifier;
import jp.jpkigate.idp.dpop.TargetUri;
import jp.jpkigate.idp.token.AccessTokenVerifier.VerifiedAccessToken;
import jp.jpkigate.idp.token.BearerTokenException;
import jp.jpkigate.idp.token.BearerTokenException.Code;
import jp.jpkigate.idp.token.ProtectedResourceAccess;
import jp.jpkigate.idp.web.ClientCertificates;
import jp.jpkigate.idp.web.ProtectedResourceHttp;

/**
 * Who is calling the consent API: the business whose {@code client_credentials} access token the request
 * carries, checked exactly as at the OP's other protected resources ({@link ProtectedResourceHttp}: Bearer,
 * DPoP-bound or certificate-bound as the token says) and holding one of the route's scopes. A person's
 * token (its {@code sub} is not its {@code client_id}) is {@code invalid_token} here. The DPoP {@code htu}
 * is the API's public base URL and the request's path below the router's mount point, never the Host header.
 */
public final class BusinessAuthentication {
    private final ProtectedResourceAccess access;
    private final DpopProofVerifier proofs;
    private final ClientCertificates certificates;
    private final String publicBase;

    /** @param publicBase the public URL the router's paths are served under, without a trailing slash */
    public BusinessAuthentication(ProtectedResourceAccess access, DpopProofVerifier proofs, ClientCertificates certificates,
                                  String publicBase) {
        this.access = Objects.requireNonNull(access, "access");
        this.proofs = Objects.requireNonNull(proofs, "proofs");
        this.certificates = Objects.requireNonNull(certificates, "certificates");
        this.publicBase = TargetUri.of(publicBase).value().replaceAll("/$", "");
    }

    /** The calling business's client id; fails with {@link BearerTokenException}. */
    public Future<String> business(RoutingContext ctx, Set<String> anyOfScopes) {
        String mount = ctx.mountPoint() == null ? "" : ctx.mountPoint().replaceAll("/$", "");
        String path = ctx.request().path();
        String below = path != null && path.startsWith(mount) ? path.substring(mount.length()) : "/";
        TargetUri target = TargetUri.parse(publicBase + below).orElseGet(() -> TargetUri.of(publicBase));
        return ProtectedResourceHttp.check(ctx.request(), ctx.response(), access, proofs, target, certificates, anyOfScopes)
                .compose(BusinessAuthentication::clientOf);
    }

    private static Future<String> clientOf(VerifiedAccessToken token) {
        if (token.clientId() == null || !token.clientId().equals(token.subject())) {
            return Future.failedFuture(new BearerTokenException(Code.INVALID_TOKEN,
                    "the consent API takes a business's client_credentials access token"));
        }
        return Future.succeededFuture(token.clientId());
    }
}
