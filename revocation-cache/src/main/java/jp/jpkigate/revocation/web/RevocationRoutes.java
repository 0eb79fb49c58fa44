package jp.jpkigate.revocation.web;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.util.Objects;
import java.util.stream.Collectors;
import jp.jpkigate.revocation.responder.OcspResponder;
import jp.jpkigate.revocation.responder.OcspResponderIdentity;
import jp.jpkigate.revocation.service.RevocationService;

/**
 * The revocation cache's HTTP surface, as a sub-router the gateway mounts at {@link #MOUNT_POINT} on its
 * public listener, and the metrics route it adds to its internal metrics listener:
 * <pre>
 * Router revocation = RevocationRoutes.create(vertx, service, clients, identity, clock);
 * gatewayRouter.route(RevocationRoutes.MOUNT_POINT).subRouter(revocation);   // or RevocationRoutes.mount(...)
 * RevocationRoutes.addMetrics(metricsRouter, service, clock);                // GET /revocation/metrics
 * </pre>
 * <table>
 *   <tr><th>route (under the mount point)</th><th>endpoint</th><th>auth</th></tr>
 *   <tr><td>POST /v1/check (application/json)</td><td>{@link CheckEndpoint}</td><td>client credentials</td></tr>
 *   <tr><td>POST /ocsp (application/ocsp-request)</td><td>{@link OcspEndpoint}</td><td>none</td></tr>
 *   <tr><td>GET /ocsp/{url-encoded base64}</td><td>{@link OcspEndpoint}</td><td>none</td></tr>
 *   <tr><td>GET /revocation/metrics ({@link #addMetrics}, not in the sub-router)</td><td>{@link MetricsEndpoint}</td>
 *       <td>none: internal listener only</td></tr>
 * </table>
 * GET {@code /ocsp} and {@code /ocsp/} are OCSP GETs without a request (400). Any other method on these paths is a 405 with {@code Allow}; any other path under the mount point a
 * 404; every error is an {@code application/problem+json} document ({@link Problem}).
 */
public final class RevocationRoutes {
    /** Where the gateway mounts the sub-router. */
    public static final String MOUNT_POINT = "/revocation/*";
    /** The Prometheus text, added by {@link #addMetrics} to a router of its own (never the public one). */
    public static final String METRICS_PATH = "/revocation/metrics";
    /** The check route, under the mount point. */
    static final String CHECK_PATH = "/v1/check";

    private static final String APPLICATION_JSON = "application/json";

    private RevocationRoutes() {
    }

    /** The sub-router; paths are relative to where it is mounted. */
    public static Router create(Vertx vertx, RevocationService service, RevocationApiClients clients,
                                OcspResponderIdentity identity, Clock clock) {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(clients, "clients");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(clock, "clock");
        CheckEndpoint check = new CheckEndpoint(vertx, service, clock);
        OcspEndpoint ocsp = new OcspEndpoint(new OcspResponder(service, identity, clock), clock);

        Router router = Router.router(vertx);
        // Vert.x 5 runs body handlers before user handlers: the body (capped) is read before authentication.
        router.post(CHECK_PATH)
                .handler(BodyHandler.create(false).setBodyLimit(CheckRequest.MAX_BODY))
                .handler(new ClientAuthentication(clients))
                .handler(new RequireContentType(APPLICATION_JSON))
                .handler(check::handle);
        allowOnly(router, CHECK_PATH, HttpMethod.POST);
        router.post("/ocsp")
                .handler(BodyHandler.create(false).setBodyLimit(OcspEndpoint.MAX_REQUEST))
                .handler(new RequireContentType(OcspEndpoint.REQUEST_TYPE))
                .handler(ocsp::post);
        router.get("/ocsp/*").handler(ocsp::get);
        allowOnly(router, "/ocsp", HttpMethod.POST, HttpMethod.GET);
        router.route().handler(ctx -> ProblemWriter.send(ctx,
                Problem.NOT_FOUND.withDetail("no revocation endpoint at " + ctx.request().path())));
        router.route().failureHandler(ProblemWriter::handleFailure);
        return router;
    }

    /**
     * The usual check requests served ahead of the router that {@link #create} makes over the same
     * arguments, with the same answers ({@link CheckShortcut}); the server hands it each request first.
     */
    public static CheckShortcut checkShortcut(Vertx vertx, RevocationService service, RevocationApiClients clients,
                                              Clock clock) {
        return new CheckShortcut(new ClientAuthentication(clients), new RequireContentType(APPLICATION_JSON),
                new CheckEndpoint(vertx, Objects.requireNonNull(service, "service"), Objects.requireNonNull(clock, "clock")));
    }

    /** Mounts {@link #create} on {@code parent} at {@link #MOUNT_POINT} and returns {@code parent}. */
    public static Router mount(Router parent, Vertx vertx, RevocationService service, RevocationApiClients clients,
                               OcspResponderIdentity identity, Clock clock) {
        parent.route(MOUNT_POINT).subRouter(create(vertx, service, clients, identity, clock));
        return parent;
    }

    /**
     * Adds {@code GET} {@link #METRICS_PATH} (other methods: 405) to {@code router}, the gateway's internal
     * metrics listener. Add it before anything mounted at {@link #MOUNT_POINT} on the same router, whose
     * sub-router answers 404 for every path it does not know.
     */
    public static Router addMetrics(Router router, RevocationService service, Clock clock) {
        MetricsEndpoint metrics = new MetricsEndpoint(Objects.requireNonNull(service, "service"),
                Objects.requireNonNull(clock, "clock"));
        router.get(METRICS_PATH).handler(metrics::handle);
        allowOnly(router, METRICS_PATH, HttpMethod.GET);
        return router;
    }

    /** Every other method on {@code path}: 405 with {@code Allow} (RFC 9110 15.5.6). */
    private static void allowOnly(Router router, String path, HttpMethod... allowed) {
        String allow = java.util.Arrays.stream(allowed).map(HttpMethod::name).collect(Collectors.joining(", "));
        Handler<RoutingContext> refuse = ctx -> {
            ctx.response().putHeader("Allow", allow);
            ProblemWriter.send(ctx, Problem.METHOD_NOT_ALLOWED.withDetail(
                    ctx.request().method() + " is not allowed here; use " + allow));
        };
        router.route(path).handler(refuse);
    }
}
