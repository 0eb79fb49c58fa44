package jp.jpkigate.idp.endpoint;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.idp.mtls.ClientCertificate;
import jp.jpkigate.idp.oauth.FormParameters;
import jp.jpkigate.idp.web.ClientCertificates;
import jp.jpkigate.idp.web.FormBody;

/**
 * The shape of an endpoint where a client posts a form and authenticates as at the token endpoint
 * (RFC 6749 §2.3): read the client certificate ({@link ClientCertificates}, for mutual TLS) and the
 * form body (at most {@code maxBodyBytes}, {@link FormBody}), give them and the {@code Authorization}
 * header to the domain ({@link #process}), write the outcome
 * ({@link #write}). Every failure goes to the router's failure handler (OAuth JSON).
 *
 * @param <T> what the domain answers
 */
abstract class ClientFormEndpoint<T> implements Handler<RoutingContext> {
    private final int maxBodyBytes;
    private final ClientCertificates certificates;

    ClientFormEndpoint(int maxBodyBytes, ClientCertificates certificates) {
        this.maxBodyBytes = maxBodyBytes;
        this.certificates = Objects.requireNonNull(certificates, "certificates");
    }

    @Override
    public final void handle(RoutingContext ctx) {
        Optional<String> authorization = Optional.ofNullable(ctx.request().getHeader("Authorization"));
        certificates.atAuthorizationServer(ctx.request())
                .compose(certificate -> FormBody.read(ctx.request(), maxBodyBytes)
                        .compose(form -> process(form, authorization, certificate)))
                .compose(outcome -> write(ctx, outcome))
                .onFailure(ctx::fail);
    }

    abstract Future<T> process(FormParameters form, Optional<String> authorization, Optional<ClientCertificate> certificate);

    abstract Future<Void> write(RoutingContext ctx, T outcome);
}
