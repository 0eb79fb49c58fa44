package jp.jpkigate.sim.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import jp.jpkigate.sim.consent.ConsentRefused;

/**
 * The two ends of every J-LIS API route ({@link ConsentRoutes}, {@link FourInformationRoutes}):
 * reading a JSON object body, and answering from a worker thread (the consent registry locks and
 * writes its file) with JSON or, for a refusal, its problem document.
 */
final class JlisExchange {
    static final String JSON = "application/json";
    /** Far above any real request (a certificate and a signature are a few KB). */
    static final int MAX_BODY = OcspRoutes.MAX_REQUEST;

    private JlisExchange() {
    }

    /** A POST route taking a JSON body of at most {@link #MAX_BODY} bytes (413 beyond). */
    static Route jsonBody(Route route) {
        return route.handler(BodyHandler.create(false).setBodyLimit(MAX_BODY));
    }

    /** The body as a JSON object; otherwise sends the problem (415, 400) and returns null. */
    static JsonObject body(RoutingContext ctx) {
        String type = ctx.request().getHeader("Content-Type");
        if (type == null || !type.toLowerCase(Locale.ROOT).split(";")[0].trim().equals(JSON)) {
            new Problem(415, "unsupported-media-type", "Unsupported media type",
                    ctx.request().path() + " takes Content-Type: " + JSON).send(ctx);
            return null;
        }
        Buffer body = ctx.body().buffer();
        Object parsed;
        try {
            parsed = body == null ? null : Json.decodeValue(body);
        } catch (RuntimeException e) {
            parsed = null;
        }
        if (!(parsed instanceof JsonObject json)) {
            Problem.badRequest("the body must be a JSON object").send(ctx);
            return null;
        }
        return json;
    }

    /** Runs {@code work} on a worker and answers its JSON with {@code status}, or the problem it was refused with. */
    static void answer(RoutingContext ctx, int status, Callable<JsonObject> work) {
        answer(ctx, work, json -> status, json -> json);
    }

    /** Runs {@code work} on a worker and answers with the status and JSON of its result, or the problem it was refused with. */
    static <T> void answer(RoutingContext ctx, Callable<T> work, ToIntFunction<T> status, Function<T, JsonObject> view) {
        ctx.vertx().executeBlocking(work, false)
                .onSuccess(result -> ctx.response().setStatusCode(status.applyAsInt(result))
                        .putHeader("Content-Type", JSON).end(view.apply(result).encode()))
                .onFailure(error -> Problem.send(ctx, error instanceof ConsentRefused refused ? problem(refused) : error));
    }

    /** A refusal as a problem: its catalogue entry and its detail. */
    static Problem.Failure problem(ConsentRefused refused) {
        return new Problem(refused.refusal().status(), refused.refusal().type(), refused.refusal().title(),
                refused.getMessage()).failure();
    }
}
