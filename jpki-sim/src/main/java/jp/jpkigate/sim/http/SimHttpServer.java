package jp.jpkigate.sim.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.util.Objects;
import jp.jpkigate.sim.crl.CrlPublisher;
import jp.jpkigate.sim.ocsp.OcspResponder;
import jp.jpkigate.sim.ocsp.OcspSigners;

/**
 * The simulated J-LIS on one HTTP server: CA certificates, CRLs, OCSP and the renewal linkage
 * ({@link CaRoutes}, {@link CrlRoutes}, {@link OcspRoutes}, {@link LinkageRoutes}) and, when the
 * sources have a consent registry, the latest-4-information service's consent registry and
 * provision API ({@link ConsentRoutes}, {@link FourInformationRoutes} under {@code /jlis/}).
 * Errors are {@code application/problem+json}.
 *
 * <p>Further APIs mount on {@link #router()}; the gateway's dev mode can instead mount
 * {@link #routes} into its own server.
 */
public final class SimHttpServer {
    private final HttpServer server;
    private final Router router;

    private SimHttpServer(HttpServer server, Router router) {
        this.server = server;
        this.router = router;
    }

    /** Starts on {@code host:port} (port 0 picks a free one); completes once listening. */
    public static Future<SimHttpServer> start(Vertx vertx, SimPublisherSources sources, String host, int port) {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            return Future.failedFuture(new IllegalArgumentException("port must be 0..65535"));
        }
        Router router = routes(vertx, sources);
        return vertx.createHttpServer().requestHandler(router).listen(port, host)
                .map(server -> new SimHttpServer(server, router));
    }

    /** The publication routes on a new router, with the default publisher and responder. */
    public static Router routes(Vertx vertx, SimPublisherSources sources) {
        return routes(vertx, sources, new CrlPublisher(sources.log(), sources.clock()),
                new OcspResponder(sources::cas, sources.log(), sources.clock(), new OcspSigners(sources.clock())));
    }

    /** The publication routes on a new router, with a configured publisher and responder. */
    public static Router routes(Vertx vertx, SimPublisherSources sources, CrlPublisher publisher,
                                OcspResponder responder) {
        Objects.requireNonNull(sources, "sources");
        Router router = Router.router(vertx);
        CaRoutes.mount(router, sources);
        CrlRoutes.mount(router, sources, publisher);
        OcspRoutes.mount(router, responder);
        LinkageRoutes.mount(router, sources);
        sources.consents().ifPresent(consents -> {
            ConsentRoutes.mount(router, consents);
            FourInformationRoutes.mount(router, consents);
        });
        router.errorHandler(404, ctx -> Problem.notFound("not-found", "no such resource").send(ctx));
        router.errorHandler(405, ctx -> new Problem(405, "method-not-allowed", "Method not allowed",
                "see the routes of " + SimHttpServer.class.getSimpleName()).send(ctx));
        router.errorHandler(413, ctx -> new Problem(413, "too-large", "Request too large",
                "request bodies are limited to " + OcspRoutes.MAX_REQUEST + " bytes").send(ctx));
        router.errorHandler(400, ctx -> Problem.badRequest("the request could not be read").send(ctx));
        router.errorHandler(500, ctx -> Problem.send(ctx, ctx.failure()));
        return router;
    }

    /** The port listened on (the chosen one when started with port 0). */
    public int port() {
        return server.actualPort();
    }

    /** Where further API routers mount. */
    public Router router() {
        return router;
    }

    public Future<Void> close() {
        return server.close();
    }
}
