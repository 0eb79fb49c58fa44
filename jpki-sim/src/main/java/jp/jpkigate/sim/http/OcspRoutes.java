package jp.jpkigate.sim.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.ByteArrayOutputStream;
import java.util.Base64;
import java.util.Locale;
import jp.jpkigate.sim.ocsp.OcspResponder;

/**
 * OCSP over HTTP (RFC 6960 appendix A.1): {@code POST /ocsp} with an {@code application/ocsp-request}
 * body, or {@code GET /ocsp/{url-encoded base64 of the DER request}}; answers
 * {@code application/ocsp-response}. An OCSP-level error (malformedRequest, unauthorized) is a 200 with
 * that OCSPResponse, as RFC 6960 prescribes; only what is not an OCSP request at all (bad base64, wrong
 * media type, too large) gets a 4xx problem. Responses are signed on a worker thread.
 */
final class OcspRoutes {
    static final String REQUEST_TYPE = "application/ocsp-request";
    static final String RESPONSE_TYPE = "application/ocsp-response";
    /** Far above any real request (a few hundred bytes per CertID). */
    static final int MAX_REQUEST = 64 * 1024;
    private final OcspResponder responder;

    private OcspRoutes(OcspResponder responder) {
        this.responder = responder;
    }

    static void mount(Router router, OcspResponder responder) {
        OcspRoutes routes = new OcspRoutes(responder);
        router.post("/ocsp").handler(BodyHandler.create(false).setBodyLimit(MAX_REQUEST)).handler(routes::post);
        router.get("/ocsp/*").handler(routes::get);
    }

    private void post(RoutingContext ctx) {
        String type = ctx.request().getHeader("Content-Type");
        if (type == null || !type.toLowerCase(Locale.ROOT).split(";")[0].trim().equals(REQUEST_TYPE)) {
            new Problem(415, "unsupported-media-type", "Unsupported media type",
                    "POST /ocsp takes Content-Type: " + REQUEST_TYPE).send(ctx);
            return;
        }
        Buffer body = ctx.body().buffer();
        answer(ctx, body == null ? new byte[0] : body.getBytes());
    }

    private void get(RoutingContext ctx) {
        String path = ctx.request().path();
        int start = path.indexOf("/ocsp/") + "/ocsp/".length();
        byte[] request;
        try {
            request = decode(path.substring(start));
        } catch (IllegalArgumentException e) {
            Problem.badRequest("GET /ocsp/{request}: the request must be the url-encoded base64 of a DER OCSPRequest")
                    .send(ctx);
            return;
        }
        answer(ctx, request);
    }

    private void answer(RoutingContext ctx, byte[] request) {
        ctx.vertx().executeBlocking(() -> responder.respond(request), false)
                .onSuccess(der -> ctx.response().putHeader("Content-Type", RESPONSE_TYPE).end(Buffer.buffer(der)))
                .onFailure(error -> Problem.send(ctx, error));
    }

    /** Percent-decoding without form semantics ('+' stays '+', it is a base64 digit), then base64. */
    static byte[] decode(String encoded) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%') {
                if (i + 2 >= encoded.length()) {
                    throw new IllegalArgumentException("truncated percent-encoding");
                }
                out.write(Integer.parseInt(encoded.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.write(c);
            }
        }
        String base64 = out.toString(java.nio.charset.StandardCharsets.US_ASCII).trim();
        if (base64.isEmpty()) {
            throw new IllegalArgumentException("empty request");
        }
        boolean urlSafe = base64.indexOf('-') >= 0 || base64.indexOf('_') >= 0;
        return (urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(base64);
    }
}
