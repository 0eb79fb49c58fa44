package jp.jpkigate.revocation.web;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;

/**
 * {@code POST /revocation/v1/check} served ahead of the router, for the usual request: the same
 * answers as the routes of {@link RevocationRoutes} (the same {@link ClientAuthentication},
 * {@link RequireContentType} and {@link CheckEndpoint}, in the same order, after the whole body), without
 * a routing context, a body handler or the sub-router's walk, which cost as much as the check itself.
 * {@link #takes} decides from the request head alone, so whatever it leaves to the router has not been
 * touched: only a POST to exactly {@link #PATH} with {@code Content-Type: application/json} (parameters
 * allowed), a {@code Content-Length} of at most {@link CheckEndpoint#PARSE_ON_WORKER_ABOVE} bytes, no
 * {@code Transfer-Encoding} and no {@code Expect}. Every such body is one the router's body handler
 * takes whole (no 413, no 100-continue, nothing for it to decode), so the two answer alike. The
 * request is marked routed as the router marks it ({@link #ROUTE}): the HTTP metrics keep their
 * {@code route} label.
 *
 * <pre>
 * server.requestHandler(request -> {
 *     if (shortcut.takes(request)) shortcut.handle(request); else router.handle(request);
 * });
 * </pre>
 */
public final class CheckShortcut implements Handler<HttpServerRequest> {
    /** The path it serves: the check route under the gateway's mount point. */
    public static final String PATH = "/revocation" + RevocationRoutes.CHECK_PATH;
    /**
     * The metrics' route label of the check as the router makes it: the mount point's route, then the
     * sub-router's, joined by vertx-micrometer with {@code >}. Reported as one constant: no list and no
     * joining per request.
     */
    static final String ROUTE = "/revocation/>" + RevocationRoutes.CHECK_PATH;
    /** A request that breaks off mid-body has no one left to answer; the slow-request guard owns timeouts. */
    private static final Handler<Throwable> BROKEN_OFF = error -> {
    };

    private static final CharSequence CONTENT_LENGTH = HttpHeaders.createOptimized("Content-Length");
    private static final CharSequence TRANSFER_ENCODING = HttpHeaders.createOptimized("Transfer-Encoding");
    private static final CharSequence EXPECT = HttpHeaders.createOptimized("Expect");

    private final ClientAuthentication authentication;
    private final RequireContentType json;
    private final CheckEndpoint endpoint;

    CheckShortcut(ClientAuthentication authentication, RequireContentType json, CheckEndpoint endpoint) {
        this.authentication = authentication;
        this.json = json;
        this.endpoint = endpoint;
    }

    /** Whether this serves {@code request}; otherwise the router does, and this has not touched it. */
    public boolean takes(HttpServerRequest request) {
        if (request.method() != HttpMethod.POST || !PATH.equals(request.path()) || !json.accepts(request)) {
            return false;
        }
        var headers = request.headers();
        String length = headers.get(CONTENT_LENGTH);
        if (length == null || length.isEmpty() || length.length() > 6 || headers.contains(TRANSFER_ENCODING)
                || headers.contains(EXPECT)) {
            return false;
        }
        for (int i = 0; i < length.length(); i++) {
            if (length.charAt(i) < '0' || length.charAt(i) > '9') {
                return false;
            }
        }
        return Integer.parseInt(length) <= CheckEndpoint.PARSE_ON_WORKER_ABOVE;
    }

    /** Serves a request {@link #takes} took: reads the body, then authenticates and checks. */
    @Override
    public void handle(HttpServerRequest request) {
        request.routed(ROUTE);
        if (request.isEnded()) {
            answer(request, null);
            return;
        }
        Body body = new Body();
        request.exceptionHandler(BROKEN_OFF);
        request.handler(body).endHandler(end -> answer(request, body.buffer()));
    }

    private void answer(HttpServerRequest request, Buffer body) {
        try {
            Object client = authentication.authenticate(request);
            if (client instanceof Problem refused) {
                ProblemWriter.send(request, refused);
                return;
            }
            endpoint.handle(request, body);
        } catch (RuntimeException e) {
            ProblemWriter.send(request, e);
        }
    }

    /** The body's chunks: the only one as it came (the usual case), several copied into one buffer. */
    private static final class Body implements Handler<Buffer> {
        private Buffer buffer;
        private boolean copied;

        @Override
        public void handle(Buffer chunk) {
            if (buffer == null) {
                buffer = chunk;
            } else if (!copied) {
                buffer = Buffer.buffer(buffer.length() + chunk.length() * 2).appendBuffer(buffer).appendBuffer(chunk);
                copied = true;
            } else {
                buffer.appendBuffer(chunk);
            }
        }

        Buffer buffer() {
            return buffer == null ? Buffer.buffer() : buffer;
        }
    }
}
