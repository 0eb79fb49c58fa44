package jp.jpkigate.idp.endpoint;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.idp.token.TokenEndpointHandler;
import jp.jpkigate.idp.web.ClientCertificates;
import jp.jpkigate.idp.web.FormBody;
import jp.jpkigate.idp.web.OAuthResponses;

/**
 * {@code POST /token} (RFC 6749 §3.2): read the client certificate ({@link ClientCertificates}) and
 * the form → {@link TokenEndpointHandler} → 200 JSON
 * with {@code Cache-Control: no-store} (RFC 6749 §5.1). Errors go to the router's failure handler
 * (RFC 6749 §5.2 JSON; {@code invalid_client} with 401 and {@code WWW-Authenticate}).
 */
public final class TokenEndpoint implements Handler<RoutingContext> {
    private final TokenEndpointHandler handler;
    private final int maxBodyBytes;
    private final ClientCertificates certificates;

    public TokenEndpoint(TokenEndpointHandler handler, int maxBodyBytes, ClientCertificates certificates) {
        this.handler = Objects.requireNonNull(handler, "handler");
        this.maxBodyBytes = maxBodyBytes;
        this.certificates = Objects.requireNonNull(certificates, "certificates");
    }

    @Override
    public void handle(RoutingContext ctx) {
        Optional<String> authorization = Optional.ofNullable(ctx.request().getHeader("Authorization"));
        certificates.atAuthorizationServer(ctx.request())
                .compose(certificate -> FormBody.read(ctx.request(), maxBodyBytes)
                        .compose(form -> handler.handle(form, authorization, certificate)))
                .compose(response -> OAuthResponses.json(ctx.response(), 200, response.toJsonObject()))
                .onFailure(ctx::fail);
    }
}
