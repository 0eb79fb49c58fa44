package jp.jpkigate.revocation.web;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes problems, and is the router's failure handler: a {@link ProblemException} is sent as is, the
 * statuses Vert.x Web fails with itself (413 from the body handler, 400 for a bad body, 404, 405, 415)
 * become their catalogue entry, and anything else is a logged 500 {@code server-error} whose text never
 * reaches the client (the request's headers, which may carry credentials, are not logged).
 */
final class ProblemWriter {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemWriter.class);

    private ProblemWriter() {
    }

    static void send(RoutingContext ctx, Problem problem) {
        send(ctx.request(), problem);
    }

    /** The same for a request served without a router ({@link CheckShortcut}). */
    static void send(HttpServerRequest request, Problem problem) {
        HttpServerResponse response = request.response();
        if (response.headWritten()) {
            response.reset();
            return;
        }
        if (problem.status() == 401) {
            response.putHeader("WWW-Authenticate", ClientAuthentication.CHALLENGE);
        }
        response.setStatusCode(problem.status()).putHeader("Content-Type", Problem.CONTENT_TYPE)
                .putHeader("Cache-Control", "no-store")
                .end(problem.toJson().toBuffer());
    }

    /** Sends {@code error} as a problem: a {@link ProblemException} as itself, anything else as a 500. */
    static void send(RoutingContext ctx, Throwable error) {
        send(ctx.request(), error);
    }

    /** The same for a request served without a router ({@link CheckShortcut}). */
    static void send(HttpServerRequest request, Throwable error) {
        if (error instanceof ProblemException problem) {
            send(request, problem.problem());
        } else {
            LOG.error("revocation endpoint failed on {} {}", request.method(), request.path(), error);
            send(request, Problem.SERVER_ERROR);
        }
    }

    /** The router's failure handler. */
    static void handleFailure(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        if (failure instanceof ProblemException problem) {
            send(ctx, problem.problem());
            return;
        }
        int status = failure instanceof HttpException http ? http.getStatusCode() : ctx.statusCode();
        Problem problem = switch (status) {
            case 400 -> Problem.INVALID_REQUEST.withDetail("the request could not be read");
            case 404 -> Problem.NOT_FOUND.withDetail("no such revocation endpoint");
            case 405 -> Problem.METHOD_NOT_ALLOWED.withDetail("this endpoint does not take " + ctx.request().method());
            case 413 -> Problem.BODY_TOO_LARGE.withDetail("the request body is larger than this endpoint takes");
            case 415 -> Problem.UNSUPPORTED_MEDIA_TYPE.withDetail("this endpoint does not take that content type");
            default -> null;
        };
        if (problem == null) {
            send(ctx, failure == null ? new IllegalStateException("failed with status " + status) : failure);
        } else {
            send(ctx, problem);
        }
    }
}
