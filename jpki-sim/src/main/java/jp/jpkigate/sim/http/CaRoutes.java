package jp.jpkigate.sim.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.security.cert.CertificateEncodingException;
import jp.jpkigate.sim.ca.Pem;
import jp.jpkigate.sim.ca.SimCa;

/**
 * The CA certificates, as a relying party's trust-store bootstrap: {@code GET /ca} (JSON list),
 * {@code GET /ca/{id}.pem} and {@code GET /ca/{id}.der} ({@code application/pkix-cert}, RFC 2585 4.1).
 */
final class CaRoutes {
    private final SimPublisherSources sources;

    private CaRoutes(SimPublisherSources sources) {
        this.sources = sources;
    }

    static void mount(Router router, SimPublisherSources sources) {
        CaRoutes routes = new CaRoutes(sources);
        router.get("/ca").handler(routes::list);
        router.get("/ca/:file").handler(routes::certificate);
    }

    private void list(RoutingContext ctx) {
        JsonArray list = new JsonArray();
        for (SimCa ca : sources.cas()) {
            list.add(new JsonObject()
                    .put("id", ca.id())
                    .put("kind", ca.kind().shortName())
                    .put("generation", ca.generation())
                    .put("algorithm", ca.algorithm().name())
                    .put("notBefore", ca.certificate().getNotBefore().toInstant().toString())
                    .put("notAfter", ca.certificate().getNotAfter().toInstant().toString())
                    .put("crl", "/crl/" + ca.id() + "/full.crl")
                    .put("pem", Pem.write(ca.certificate())));
        }
        ctx.response().putHeader("Content-Type", "application/json").end(list.encode());
    }

    private void certificate(RoutingContext ctx) {
        String file = ctx.pathParam("file");
        boolean pem = file.endsWith(".pem");
        if (!pem && !file.endsWith(".der")) {
            Problem.notFound("not-found", "expected /ca/{id}.pem or /ca/{id}.der").send(ctx);
            return;
        }
        String id = file.substring(0, file.length() - 4);
        SimCa ca = sources.ca(id).orElse(null);
        if (ca == null) {
            Problem.notFound("unknown-ca", "no CA generation '" + id + "'").send(ctx);
            return;
        }
        try {
            if (pem) {
                ctx.response().putHeader("Content-Type", "application/x-pem-file").end(Pem.write(ca.certificate()));
            } else {
                ctx.response().putHeader("Content-Type", "application/pkix-cert")
                        .end(Buffer.buffer(ca.certificate().getEncoded()));
            }
        } catch (CertificateEncodingException e) {
            Problem.send(ctx, e);
        }
    }
}
