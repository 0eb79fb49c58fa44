package jp.jpkigate.idp.endpoint;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.idp.dpop.DpopProofVerifier;
import jp.jpkigate.idp.dpop.DpopRequest;
import jp.jpkigate.idp.dpop.TargetUri;
import jp.jpkigate.idp.token.TokenEndpointHandler;
import jp.jpkigate.idp.web.ClientCertificates;
import jp.jpkigate.idp.web.DpopHttp;
import jp.jpkigate.idp.web.FormBody;
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
    private final int maxBodyBytes;
    private final DpopProofVerifier proofs;
    private final TargetUri target;
    private final ClientCertificates certificates;

    public TokenEndpoint(TokenEndpointHandler handler, int maxBodyBytes, DpopProofVerifier proofs, TargetUri target,
                         ClientCertificates certificates) {
        this.handler = Objects.requireNonNull(handler, "handler");
        this.maxBodyBytes = maxBodyBytes;
        this.proofs = Objects.requireNonNull(proofs, "proofs");
        this.target = Objects.requireNonNull(target, "target");
        this.certificates = Objects.requireNonNull(certificates, "certificates");
    }

    @Override
    public void handle(RoutingContext ctx) {
        Optional<String> authorization = Optional.ofNullable(ctx.request().getHeader("Authorization"));
        DpopRequest dpop = DpopHttp.request(ctx.request(), target);
        DpopHttp.offerNonce(ctx.response(), proofs);
        certificates.atAuthorizationServer(ctx.request())
                .compose(certificate -> FormBody.read(ctx.request(), maxBodyBytes)
                        .compose(form -> DpopHttp.authorizationServerProof(proofs, dpop)
                                .compose(proofKey -> handler.handle(form, authorization, proofKey, certificate))))
                .compose(response -> OAuthResponses.json(ctx.response(), 200, response.toJsonObject()))
                .onFailure(ctx::fail);
    }
}
