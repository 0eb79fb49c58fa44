package jp.jpkigate.sim.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * An HTTP error as an RFC 9457 problem document ({@code application/problem+json}). The detail is
 * meant for the client: never put internal exception text in it.
 *
 * @param status HTTP status
 * @param type   a short slug, rendered as {@code urn:jpki-sim:problem:<type>}
 * @param title  the short, fixed summary of the type
 * @param detail what exactly was wrong with this request
 */
public record Problem(int status, String type, String title, String detail) {
    public static final String CONTENT_TYPE = "application/problem+json";

    public static Problem badRequest(String detail) {
        return new Problem(400, "bad-request", "Bad request", detail);
    }

    public static Problem notFound(String type, String detail) {
        return new Problem(404, type, "Not found", detail);
    }

    /** The problem as an exception, to fail a future with. */
    public Failure failure() {
        return new Failure(this);
    }

    public JsonObject toJson() {
        return new JsonObject().put("type", "urn:jpki-sim:problem:" + type).put("title", title)
                .put("status", status).put("detail", detail);
    }

    public void send(RoutingContext ctx) {
        if (ctx.response().headWritten()) {
            ctx.response().reset();
            return;
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", CONTENT_TYPE).end(toJson().encode());
    }

    /** Sends {@code error} as a problem: a {@link Failure} as itself, anything else as a bare 500. */
    public static void send(RoutingContext ctx, Throwable error) {
        if (error instanceof Failure failure) {
            failure.problem().send(ctx);
        } else {
            new Problem(500, "internal", "Internal server error", "the simulator could not answer").send(ctx);
        }
    }

    /** Carries a problem through a failed future. */
    public static final class Failure extends RuntimeException {
        private final Problem problem;

        Failure(Problem problem) {
            super(problem.detail(), null, false, false);
            this.problem = problem;
        }

        public Problem problem() {
            return problem;
        }
    }
}
