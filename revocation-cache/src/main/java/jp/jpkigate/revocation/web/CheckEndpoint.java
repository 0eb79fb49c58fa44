package jp.jpkigate.revocation.web;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import jp.jpkigate.revocation.service.CheckResult;
import jp.jpkigate.revocation.service.RevocationService;

/**
 * {@code POST /revocation/v1/check}: the validity of one certificate or a batch, for the gateway's
 * businesses. Parse ({@link CheckRequest}) → ask the cache for every item → write
 * ({@link CheckResponse}, 200 {@code application/json}, {@code Cache-Control: no-store}). Runs after
 * {@link ClientAuthentication}, {@link RequireContentType} and a body handler capped at
 * {@link CheckRequest#MAX_BODY}. A large body (many certificates) is parsed on a worker so the event
 * loop is not held by a thousand DER decodings; small ones are parsed in place.
 */
final class CheckEndpoint {
    /** Above this many body bytes, parsing moves to a worker thread. */
    static final int PARSE_ON_WORKER_ABOVE = 64 * 1024;

    private final RevocationService service;
    private final Clock clock;

    CheckEndpoint(RevocationService service, Clock clock) {
        this.service = service;
        this.clock = clock;
    }

    void handle(RoutingContext ctx) {
        Buffer body = ctx.body().buffer();
        Future<CheckRequest> request = body != null && body.length() > PARSE_ON_WORKER_ABOVE
                ? ctx.vertx().executeBlocking(() -> CheckRequest.parse(body), false)
                : parseHere(body);
        request.compose(this::check)
                .onSuccess(response -> ctx.response().putHeader("Content-Type", "application/json")
                        .putHeader("Cache-Control", "no-store").end(response.toJson().toBuffer()))
                .onFailure(error -> ProblemWriter.send(ctx, error));
    }

    private Future<CheckResponse> check(CheckRequest request) {
        List<Future<CheckResult>> checks = new ArrayList<>(request.items().size());
        for (CheckItem item : request.items()) {
            checks.add(item.check(service));
        }
        return Future.all(checks)
                .map(all -> new CheckResponse(request.items(), all.<CheckResult>list(), clock.instant()));
    }

    private static Future<CheckRequest> parseHere(Buffer body) {
        try {
            return Future.succeededFuture(CheckRequest.parse(body));
        } catch (ProblemException e) {
            return Future.failedFuture(e);
        }
    }
}
