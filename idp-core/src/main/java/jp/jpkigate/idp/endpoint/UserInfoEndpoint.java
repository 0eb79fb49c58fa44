package jp.jpkigate.idp.endpoint;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.idp.dpop.DpopProofVerifier;
import jp.jpkigate.idp.dpop.TargetUri;
import jp.jpkigate.idp.mtls.MalformedClientCertificateException;
import jp.jpkigate.idp.token.BearerTokenException;
import jp.jpkigate.idp.token.BearerTokenException.Code;
import jp.jpkigate.idp.token.UserInfoHandler;
import jp.jpkigate.idp.web.ClientCertificates;
import jp.jpkigate.idp.web.DpopHttp;
import jp.jpkigate.idp.web.OAuthResponses;
import jp.jpkigate.idp.web.ProtectedResourceHttp;

/**
 * {@code GET/POST /userinfo} (OIDC Core §5.3): a Bearer token, or a DPoP-bound token with the
 * {@code DPoP} scheme and a proof (RFC 9449 §7), in the {@code Authorization} header → 200 JSON
 * claims; a certificate-bound token only over a connection with its client certificate (RFC 8705 §3,
 * {@link ClientCertificates}). A bad or missing token or proof → RFC 6750 §3 / RFC 9449 §7.1 status
 * with {@code WWW-Authenticate} listing both schemes, the error in the one it concerns (no error code
 * when no token was sent). Every answer carries {@code DPoP-Nonce} when nonces are required. Other
 * failures go to the router's failure handler (500 {@code server_error}).
 */
public final class UserInfoEndpoint implements Handler<RoutingContext> {
    private final UserInfoHandler handler;
    private final DpopProofVerifier proofs;
    private final TargetUri target;
    private final ClientCertificates certificates;

    public UserInfoEndpoint(UserInfoHandler handler, DpopProofVerifier proofs, TargetUri target,
                            ClientCertificates certificates) {
        this.handler = Objects.requireNonNull(handler, "handler");
        this.proofs = Objects.requireNonNull(proofs, "proofs");
        this.target = Objects.requireNonNull(target, "target");
        this.certificates = Objects.requireNonNull(certificates, "certificates");
    }

    @Override
    public void handle(RoutingContext ctx) {
        DpopHttp.offerNonce(ctx.response(), proofs);
        Optional<String> authorization = Optional.ofNullable(ctx.request().getHeader("Authorization"));
        Future<Map<String, Object>> answer;
        try {
            answer = handler.handle(authorization, DpopHttp.request(ctx.request(), target), certificates.read(ctx.request()));
        } catch (MalformedClientCertificateException e) {
            answer = Future.failedFuture(new BearerTokenException(Code.INVALID_REQUEST, e.getMessage()));
        }
        answer.compose(claims -> OAuthResponses.json(ctx.response(), 200, claims))
                .onFailure(failure -> {
                    if (!ProtectedResourceHttp.answer(ctx.response(), failure)) {
                        ctx.fail(failure);
                    }
                });
    }
}
