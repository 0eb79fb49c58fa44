package jp.jpkigate.idp.endpoint;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import jp.jpkigate.idp.oauth.FormParameters;
import jp.jpkigate.idp.web.FormBody;

/**
 * The shape of an endpoint where a client posts a form and authenticates as at the token endpoint
 * (RFC 6749 §2.3): read the form body (at most {@code maxBodyBytes}, {@link FormBody}), give it and
 * the {@code Authorization} header to the domain ({@link #process}), write the outcome
 * ({@link #write}). Every failure goes to the router's failure handler (OAuth JSON).
 *
 * @param <T> what the domain answers
 */
abstract class ClientFormEndpoint<T> implements Handler<RoutingContext> {
    private final int maxBodyBytes;

    ClientFormEndpoint(int maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public final void handle(RoutingContext ctx) {
        Optional<String> authorization = Optional.ofNullable(ctx.request().getHeader("Authorization"));
        FormBody.read(ctx.request(), maxBodyBytes)
                .compose(form -> process(form, authorization))
                .compose(outcome -> write(ctx, outcome))
                .onFailure(ctx::fail);
    }

    abstract Future<T> process(FormParameters form, Optional<String> authorization);

    abstract Future<Void> write(RoutingContext ctx, T outcome);
}
