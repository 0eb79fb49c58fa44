package jp.jpkigate.idp.endpoint;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.idp.mtls.ClientCertificate;
import jp.jpkigate.idp.oauth.FormParameters;
import jp.jpkigate.idp.token.TokenRevocationHandler;
import jp.jpkigate.idp.web.ClientCertificates;

/**
 * {@code POST /revoke} (RFC 7009 §2): parse the form → {@link TokenRevocationHandler} → 200 with an
 * empty body (RFC 7009 §2.2), also when there was nothing the client may revoke. Errors go to the
 * router's failure handler ({@code invalid_client} 401, {@code invalid_request} 400).
 */
public final class RevocationEndpoint extends ClientFormEndpoint<Void> {
    private final TokenRevocationHandler handler;

    public RevocationEndpoint(TokenRevocationHandler handler, int maxBodyBytes, ClientCertificates certificates) {
        super(maxBodyBytes, certificates);
        this.handler = Objects.requireNonNull(handler, "handler");
    }

    @Override
    Future<Void> process(FormParameters form, Optional<String> authorization,
                         Optional<ClientCertificate> certificate) {
        return handler.handle(form, authorization, certificate);
    }

    @Override
    Future<Void> write(RoutingContext ctx, Void done) {
        if (ctx.response().ended()) {
            return Future.succeededFuture();
        }
        return ctx.response().setStatusCode(200).putHeader("Cache-Control", "no-store").end();
    }
}
