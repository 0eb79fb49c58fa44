package jp.jpkigate.sim.http;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.math.BigInteger;
import java.util.Locale;
import jp.jpkigate.sim.ca.Municipality;
import jp.jpkigate.sim.ca.SimCa;
import jp.jpkigate.sim.crl.CrlPublisher;
import jp.jpkigate.sim.crl.CrlScope;
import jp.jpkigate.sim.crl.PublishedCrl;
import jp.jpkigate.sim.crl.UnknownBaseCrlException;

/**
 * CRL distribution over HTTP (RFC 5280 4.2.1.13; {@code application/pkix-crl}, RFC 2585 4.2):
 * <pre>
 * GET /crl/{caId}/full.crl                          CA-wide complete CRL
 * GET /crl/{caId}/delta.crl?base=N                  CA-wide delta CRL against complete CRL number N
 * GET /crl/{caId}/{prefecture}/{city}/full.crl      one municipality partition (IssuingDistributionPoint)
 * GET /crl/{caId}/{prefecture}/{city}/delta.crl?base=N
 * </pre>
 * {@code base} is decimal or {@code 0x}-hex. A base this CA cannot have issued answers 404
 * {@code unknown-base-crl}: fetch the full CRL. Responses carry an ETag and Last-Modified (=
 * thisUpdate); If-None-Match / If-Modified-Since answer 304. A partition nobody was revoked in yields
 * an empty CRL, as a real distribution point would. CRLs are built on a worker thread.
 */
final class CrlRoutes {
    static final String CONTENT_TYPE = "application/pkix-crl";
    private final SimPublisherSources sources;
    private final CrlPublisher publisher;

    private CrlRoutes(SimPublisherSources sources, CrlPublisher publisher) {
        this.sources = sources;
        this.publisher = publisher;
    }

    static void mount(Router router, SimPublisherSources sources, CrlPublisher publisher) {
        CrlRoutes routes = new CrlRoutes(sources, publisher);
        router.get("/crl/:caId/full.crl").handler(ctx -> routes.serve(ctx, false, false));
        router.get("/crl/:caId/delta.crl").handler(ctx -> routes.serve(ctx, false, true));
        router.get("/crl/:caId/:prefecture/:city/full.crl").handler(ctx -> routes.serve(ctx, true, false));
        router.get("/crl/:caId/:prefecture/:city/delta.crl").handler(ctx -> routes.serve(ctx, true, true));
    }

    private void serve(RoutingContext ctx, boolean partitioned, boolean delta) {
        CrlScope scope;
        BigInteger base;
        try {
            scope = scope(ctx, partitioned);
            base = delta ? base(ctx.queryParams().get("base")) : null;
        } catch (Problem.Failure failure) {
            failure.problem().send(ctx);
            return;
        }
        ctx.vertx().executeBlocking(() -> build(scope, base), false)
                .onSuccess(crl -> send(ctx, crl))
                .onFailure(error -> Problem.send(ctx, error));
    }

    private PublishedCrl build(CrlScope scope, BigInteger base) {
        if (base == null) {
            return publisher.full(scope);
        }
        try {
            return publisher.delta(scope, base);
        } catch (UnknownBaseCrlException e) {
            throw Problem.notFound("unknown-base-crl",
                    "no complete CRL number " + base + " was issued for " + scope + "; fetch full.crl").failure();
        }
    }

    private CrlScope scope(RoutingContext ctx, boolean partitioned) {
        String caId = ctx.pathParam("caId");
        SimCa ca = sources.ca(caId)
                .orElseThrow(() -> Problem.notFound("unknown-ca", "no CA generation '" + caId + "'").failure());
        if (!partitioned) {
            return CrlScope.caWide(ca);
        }
        try {
            return CrlScope.partition(ca, new Municipality(ctx.pathParam("prefecture"), ctx.pathParam("city")));
        } catch (IllegalArgumentException e) {
            throw Problem.badRequest("prefecture and city must not be blank").failure();
        }
    }

    static BigInteger base(String value) {
        if (value == null || value.isBlank()) {
            throw Problem.badRequest("a delta CRL needs ?base=<number of the complete CRL held>").failure();
        }
        try {
            String v = value.trim().toLowerCase(Locale.ROOT);
            BigInteger base = v.startsWith("0x") ? new BigInteger(v.substring(2), 16) : new BigInteger(v);
            if (base.signum() < 0 || base.bitLength() > 160) {
                throw new NumberFormatException();
            }
            return base;
        } catch (NumberFormatException e) {
            throw Problem.badRequest("base must be a CRL number (RFC 5280 5.2.3: 0 to 20 octets)").failure();
        }
    }

    private static Future<Void> send(RoutingContext ctx, PublishedCrl crl) {
        String etag = "\"" + (crl.isDelta() ? "d" + crl.base().value().toString(16) + "-" : "f")
                + crl.number().value().toString(16) + "\"";
        ctx.response()
                .putHeader("ETag", etag)
                .putHeader("Last-Modified", ConditionalGet.httpDate(crl.thisUpdate()))
                .putHeader("Cache-Control", "public, no-cache");
        if (ConditionalGet.notModified(ctx.request(), etag, crl.thisUpdate())) {
            return ctx.response().setStatusCode(304).end();
        }
        return ctx.response().putHeader("Content-Type", CONTENT_TYPE).end(Buffer.buffer(crl.der()));
    }
}
