package jp.jpkigate.revocation.web;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import jp.jpkigate.revocation.responder.OcspAnswer;
import jp.jpkigate.revocation.responder.OcspResponder;

/**
 * OCSP over HTTP (RFC 6960 appendix A.1): {@code POST /revocation/ocsp} with an
 * {@code application/ocsp-request} body, or {@code GET /revocation/ocsp/{url-encoded base64}}; the
 * answer is {@code application/ocsp-response}. Public, as OCSP is. An OCSP-level error
 * (malformedRequest, unauthorized, tryLater) is a 200 carrying that OCSPResponse, as RFC 6960 prescribes;
 * only what is not an OCSP request at all (bad base64 in a GET, wrong media type, too large) is a 4xx
 * problem document.
 *
 * <p>A successful GET answer carries the RFC 5019 6.2 cache headers: {@code Last-Modified} = thisUpdate,
 * {@code Expires} = nextUpdate, {@code Cache-Control: max-age=<until nextUpdate>, public, no-transform,
 * must-revalidate}, {@code ETag} = a hash of the response, {@code Date} = now. POST answers and
 * unsuccessful ones are {@code no-store}.
 */
final class OcspEndpoint {
    static final String REQUEST_TYPE = "application/ocsp-request";
    static final String RESPONSE_TYPE = "application/ocsp-response";
    /** Far above any real request (a few hundred bytes per CertID). */
    static final int MAX_REQUEST = 64 * 1024;
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter
            .ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final OcspResponder responder;
    private final Clock clock;

    OcspEndpoint(OcspResponder responder, Clock clock) {
        this.responder = responder;
        this.clock = clock;
    }

    void post(RoutingContext ctx) {
        Buffer body = ctx.body().buffer();
        answer(ctx, body == null ? new byte[0] : body.getBytes(), false);
    }

    void get(RoutingContext ctx) {
        String mount = ctx.mountPoint() == null ? "" : ctx.mountPoint().replaceAll("/+$", "");
        String path = ctx.request().path();
        String prefix = mount + "/ocsp/";
        byte[] request;
        try {
            request = OcspGetRequest.decode(path.startsWith(prefix) ? path.substring(prefix.length()) : "");
        } catch (ProblemException e) {
            ProblemWriter.send(ctx, e.problem());
            return;
        }
        answer(ctx, request, true);
    }

    private void answer(RoutingContext ctx, byte[] request, boolean cacheable) {
        responder.answer(request)
                .onSuccess(answer -> write(ctx.response(), answer, cacheable))
                .onFailure(error -> ProblemWriter.send(ctx, error));
    }

    private void write(HttpServerResponse response, OcspAnswer answer, boolean cacheable) {
        Instant now = clock.instant();
        response.putHeader("Content-Type", RESPONSE_TYPE).putHeader("Date", HTTP_DATE.format(now));
        if (cacheable && answer.successful()) {
            Instant nextUpdate = answer.nextUpdate().orElseThrow();
            long maxAge = Math.max(0, Duration.between(now, nextUpdate).getSeconds());
            response.putHeader("Last-Modified", HTTP_DATE.format(answer.thisUpdate().orElseThrow()))
                    .putHeader("Expires", HTTP_DATE.format(nextUpdate))
                    .putHeader("ETag", "\"" + etag(answer.der()) + "\"")
                    .putHeader("Cache-Control", "max-age=" + maxAge + ", public, no-transform, must-revalidate");
        } else {
            response.putHeader("Cache-Control", "no-store");
        }
        response.end(Buffer.buffer(answer.der()));
    }

    /** The first 128 bits of SHA-256 of the DER response, in hex. */
    private static String etag(byte[] der) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(der);
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is a standard JCA digest", e);
        }
    }
}
