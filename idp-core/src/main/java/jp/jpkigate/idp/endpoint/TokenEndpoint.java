package jp.jpkigate.idp.endpoint;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Objects;
import jp.jpkigate.idp.dpop.DpopProofVerifier;
import jp.jpkigate.idp.dpop.TargetUri;
import jp.jpkigate.idp.token.TokenEndpointHandler;
import jp.jpkigate.idp.web.ClientCertificates;
import jp.jpkigate.idp.web.OAuthResponses;

/**
 * {@code POST /token} (RFC 6749 §3.2): read the client certificate ({@link ClientCertificates}) and
 * the form → check the DPoP proof if one was sent (RFC 9449 §5, before client authentication) →
 * {@link TokenEndpointHandler} → 200 JSON with {@code Cache-Control: no-store} (RFC 6749 §5.1).
 * Every answer carries {@code DPoP-Nonce} when nonces are required. Errors go to the router's
 * failure handler (RFC 6749 §5.2 JSON; {@code invalid_client} with 401 and {@code WWW-Authenticate}).
 */
public final class TokenEndpoint implements Handler<RoutingContext> {
    private final TokenEndpointHandler handler;
    private final SenderConstrainedRequest.Reader requests;

    public TokenEndpoint(TokenEndpointHandler handler, int maxBodyBytes, DpopProofVerifier proofs, TargetUri target,
                         ClientCertificates certificates) {
        this.handler = Objects.requireNonNull(handler, "handler");
        this.requests = new SenderConstrainedRequest.Reader(maxBodyBytes, proofs, target, certificates);
    }

    @Override
    public void handle(RoutingContext ctx) {
        requests.read(ctx)
                .compose(request -> handler.handle(request.form(), request.authorization(), request.proofKey(),
                        request.certificate()))
                .compose(response -> OAuthResponses.json(ctx.response(), 200, response.toJsonObject()))
                .onFailure(ctx::fail);
    }
}
