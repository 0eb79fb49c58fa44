package jp.jpkigate.revocation.web;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import jp.jpkigate.revocation.service.CheckResult;
import jp.jpkigate.revocation.service.RevocationService;

/**
 * {@code POST /revocation/v1/check}: the validity of one certificate or a batch, for the gateway's
 * businesses. Parse ({@link CheckRequest}) → ask the cache for every item → write
 * ({@link CheckResponse}, 200 {@code application/json}, {@code Cache-Control: no-store}). Runs after
 * {@link ClientAuthentication}, {@link RequireContentType} and a body handler capped at
 * {@link CheckRequest#MAX_BODY}. A large body (many certificates) is parsed on a worker so the event
 * loop is not held by a thousand DER decodings; small ones are parsed in place, and so is a usual body
 * (a batch of issuer + serial pairs or of certificates, or one certificate) up to {@link #USUAL_BATCH_ON_LOOP_MAX} bytes,
 * read without a JSON parser: a thousand pairs cost less than the hop to a worker. Items the in-memory
 * data answers are answered synchronously (no future per item); only OCSP fallbacks are waited for.
 */
final class CheckEndpoint {
    /** Above this many body bytes, parsing moves to a worker thread. */
    static final int PARSE_ON_WORKER_ABOVE = 64 * 1024;
    /**
     * Up to this many body bytes, a usual body is read on the event loop (1,000 pairs with 128-digit issuer
     * key ids are about 200 KiB); the scan stops at the first byte out of the usual shapes.
     */
    static final int USUAL_BATCH_ON_LOOP_MAX = 256 * 1024;

    private static final CharSequence CONTENT_TYPE = HttpHeaders.createOptimized("Content-Type");
    private static final CharSequence APPLICATION_JSON = HttpHeaders.createOptimized("application/json");
    private static final CharSequence CACHE_CONTROL = HttpHeaders.createOptimized("Cache-Control");
    private static final CharSequence NO_STORE = HttpHeaders.createOptimized("no-store");

    private final Vertx vertx;
    private final RevocationService service;
    private final Clock clock;

    CheckEndpoint(Vertx vertx, RevocationService service, Clock clock) {
        this.vertx = vertx;
        this.service = service;
        this.clock = clock;
    }

    void handle(RoutingContext ctx) {
        handle(ctx.request(), ctx.body().buffer());
    }

    /** The same for {@code request} (authenticated, of the right content type) whose whole {@code body} has arrived. */
    void handle(HttpServerRequest http, Buffer body) {
        if (body != null && body.length() > PARSE_ON_WORKER_ABOVE) {
            CheckRequest usual = body.length() <= USUAL_BATCH_ON_LOOP_MAX ? CheckRequest.usualRequest(body) : null;
            if (usual != null) {
                check(http, usual);
                return;
            }
            vertx.executeBlocking(() -> CheckRequest.parse(body), false)
                    .onSuccess(request -> check(http, request))
                    .onFailure(error -> ProblemWriter.send(http, error));
            return;
        }
        CheckRequest request;
        try {
            request = CheckRequest.parse(body);
        } catch (ProblemException e) {
            ProblemWriter.send(http, e);
            return;
        }
        check(http, request);
    }

    /**
     * Every item the in-memory data can answer is answered in place ({@link CheckItem#checkNow}); only
     * the others (OCSP) get a future, and the response waits for those alone.
     */
    private void check(HttpServerRequest http, CheckRequest request) {
        List<CheckItem> items = request.items();
        CheckResult[] results = new CheckResult[items.size()];
        List<Future<CheckResult>> pending = null;
        int[] pendingAt = null;
        for (int i = 0; i < results.length; i++) {
            CheckItem item = items.get(i);
            CheckResult now = item.checkNow(service);
            if (now != null) {
                results[i] = now;
                continue;
            }
            if (pending == null) {
                pending = new ArrayList<>();
                pendingAt = new int[results.length];
            }
            pendingAt[pending.size()] = i;
            pending.add(item.check(service));
        }
        if (pending == null) {
            write(http, items, results);
            return;
        }
        List<Future<CheckResult>> waiting = pending;
        int[] at = pendingAt;
        Future.all(waiting).onComplete(done -> {
            if (done.failed()) {
                ProblemWriter.send(http, done.cause());
                return;
            }
            for (int j = 0; j < waiting.size(); j++) {
                results[at[j]] = waiting.get(j).result();
            }
            write(http, items, results);
        });
    }

    private void write(HttpServerRequest http, List<CheckItem> items, CheckResult[] results) {
        Buffer json;
        try {
            json = new CheckResponse(items, Arrays.asList(results), clock.instant()).toBuffer();
        } catch (RuntimeException e) {
            ProblemWriter.send(http, e);
            return;
        }
        http.response().putHeader(CONTENT_TYPE, APPLICATION_JSON).putHeader(CACHE_CONTROL, NO_STORE).end(json);
    }
}
