package jp.jpkigate.gateway.web;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a failed route into a problem response: a deliberate {@code ctx.fail(status)} or
 * {@link HttpException} keeps its 4xx status; anything else (an exception, a 5xx) becomes a 500
 * whose details are logged, never sent.
 */
public final class ProblemFailureHandler implements Handler<RoutingContext> {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemFailureHandler.class);

    @Override
    public void handle(RoutingContext ctx) {
        int status = ctx.statusCode();
        boolean deliberate = ctx.failure() == null || ctx.failure() instanceof HttpException;
        boolean clientError = deliberate && status >= 400 && status < 500;
        if (!clientError) {
            LOG.error("{} {} failed", ctx.request().method(), ctx.request().path(), ctx.failure());
            status = 500;
        }
        Problem.write(ctx, status);
    }
}
