package jp.jpkigate.sim.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.math.BigInteger;
import java.util.regex.Pattern;
import jp.jpkigate.sim.registry.CertId;
import jp.jpkigate.sim.registry.SerialLinkage.Linkage;

/**
 * The old → new serial linkage service for renewed certificates, as J-LIS offers it to platform
 * operators (its real message format is not public; this one is the simulator's):
 * <pre>
 * GET /linkage/{caId}/{serial}   serial in hex (RFC 5280 4.1.2.2: at most 20 octets), e.g. /linkage/auth-2026/1a2b
 * 200 {"certificate": {"ca": "auth-2026", "serial": "1a2b"},
 *      "predecessors": [{"ca": ..., "serial": ...}, ...],    nearest first; the last is the first of the chain
 *      "successor": {"ca": ..., "serial": ...} or null,
 *      "companion": {"ca": ..., "serial": ...} or null}     the card authentication certificate it goes with
 * </pre>
 * A malformed serial answers 400; an unknown CA generation 404 {@code unknown-ca}; a serial the CA
 * never issued 404 {@code unknown-certificate} (problem documents). The registry is read on a
 * worker thread: a life event in progress holds its lock while it mints keys.
 */
final class LinkageRoutes {
    /** 1 to 40 hex digits: a positive serial of at most 20 octets. */
    private static final Pattern SERIAL = Pattern.compile("[0-9A-Fa-f]{1,40}");
    private final SimPublisherSources sources;

    private LinkageRoutes(SimPublisherSources sources) {
        this.sources = sources;
    }

    static void mount(Router router, SimPublisherSources sources) {
        router.get("/linkage/:caId/:serial").handler(new LinkageRoutes(sources)::serve);
    }

    private void serve(RoutingContext ctx) {
        String caId = ctx.pathParam("caId");
        String serial = ctx.pathParam("serial");
        if (!SERIAL.matcher(serial).matches()) {
            Problem.badRequest("the serial must be 1 to 40 hex digits").send(ctx);
            return;
        }
        if (sources.ca(caId).isEmpty()) {
            Problem.notFound("unknown-ca", "no CA generation '" + caId + "'").send(ctx);
            return;
        }
        CertId id = new CertId(caId, new BigInteger(serial, 16));
        ctx.vertx().executeBlocking(() -> sources.linkage().linkage(id), false)
                .onSuccess(found -> found.ifPresentOrElse(
                        linkage -> ctx.response().putHeader("Content-Type", "application/json").end(json(linkage).encode()),
                        () -> Problem.notFound("unknown-certificate", caId + " issued no certificate with this serial")
                                .send(ctx)))
                .onFailure(error -> Problem.send(ctx, error));
    }

    static JsonObject json(Linkage linkage) {
        JsonArray predecessors = new JsonArray();
        linkage.predecessors().forEach(id -> predecessors.add(json(id)));
        return new JsonObject()
                .put("certificate", json(linkage.certificate()))
                .put("predecessors", predecessors)
                .put("successor", linkage.successor().map(LinkageRoutes::json).orElse(null))
                .put("companion", linkage.companion().map(LinkageRoutes::json).orElse(null));
    }

    private static JsonObject json(CertId id) {
        return new JsonObject().put("ca", id.caId()).put("serial", id.serial().toString(16));
    }
}
