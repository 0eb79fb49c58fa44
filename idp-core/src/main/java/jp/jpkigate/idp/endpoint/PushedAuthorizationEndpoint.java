package jp.jpkigate.idp.endpoint;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.idp.client.ClientAuthenticator;
import jp.jpkigate.idp.client.ClientCredentials;
import jp.jpkigate.idp.dpop.DpopProofVerifier;
import jp.jpkigate.idp.dpop.TargetUri;
import jp.jpkigate.idp.limit.ClientRateLimit;
import jp.jpkigate.idp.mtls.ClientCertificate;
import jp.jpkigate.idp.oauth.FormParameters;
import jp.jpkigate.idp.oauth.OAuthException;
import jp.jpkigate.idp.par.PushedAuthorizationHandler;
import jp.jpkigate.idp.web.ClientCertificates;
import jp.jpkigate.idp.web.OAuthResponses;

/**
 * {@code POST /par} (RFC 9126 §2): read the client certificate ({@link ClientCertificates}) and the
 * form → check the DPoP proof if one was sent (RFC 9449 §10.1; before client authentication, so a
 * nonce challenge does not burn a client assertion) → authenticate the client (mutual TLS too) →
 * the client's rate limit ({@link ClientRateLimit}: 429 with {@code Retry-After} beyond it) →
 * validate and store the request, bound to the proof's key or {@code dpop_jkt} →
 * {@code 201 {"request_uri", "expires_in"}}. Every answer carries {@code DPoP-Nonce} when nonces
 * are required. Errors go to the router's failure handler.
 */
public final class PushedAuthorizationEndpoint implements Handler<RoutingContext> {
    private final ClientAuthenticator authenticator;
    private final PushedAuthorizationHandler handler;
    private final SenderConstrainedRequest.Reader requests;
    private final ClientRateLimit limit;

    public PushedAuthorizationEndpoint(ClientAuthenticator authenticator, PushedAuthorizationHandler handler, int maxBodyBytes,
                                       DpopProofVerifier proofs, TargetUri target, ClientCertificates certificates,
                                       ClientRateLimit limit) {
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
        this.handler = Objects.requireNonNull(handler, "handler");
        this.requests = new SenderConstrainedRequest.Reader(maxBodyBytes, proofs, target, certificates);
        this.limit = Objects.requireNonNull(limit, "limit");
    }

    @Override
    public void handle(RoutingContext ctx) {
        requests.read(ctx)
                .compose(request -> credentials(request.form(), request.authorization(), request.certificate())
                        .compose(authenticator::authenticate)
                        .compose(limit::admit)
                        .compose(client -> handler.handle(client, request.form(), request.proofKey())))
                .compose(response -> OAuthResponses.json(ctx.response(), 201, response.toJsonObject()))
                .onFailure(ctx::fail);
    }

    private static Future<ClientCredentials> credentials(FormParameters form, Optional<String> authorization,
                                                         Optional<ClientCertificate> certificate) {
        try {
            return Future.succeededFuture(ClientCredentials.parse(form, authorization, certificate));
        } catch (OAuthException e) {
            return Future.failedFuture(e);
        }
    }
}
