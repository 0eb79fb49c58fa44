package jp.jpkigate.revocation.web;

import io.netty.handler.codec.DecoderException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.impl.RoutingContextInternal;
import java.util.Locale;

/**
 * Vert.x's {@link BodyHandler} (no uploads, capped), except that a large body announced by its
 * Content-Length is read into one buffer of that size. Vert.x's starts at most 64 KiB and doubles: a
 * 2 MB certificate batch was copied about twice over and its buffers reallocated five times, on the
 * event loop. Only the plain case is read here (HTTP/1.x, a Content-Length above 64 KiB and within the
 * limit, no Transfer-Encoding, Expect or Upgrade, not a form); every other request, and every refusal
 * (413 before reading, the request already ended), is Vert.x's handler's, unchanged. What this reads it
 * treats as Vert.x's does: 413 past the limit, 400 for a malformed request, the body set on the context.
 */
final class PresizedBodyHandler implements BodyHandler {
    /** Up to this, Vert.x's handler already starts with a buffer of the body's size. */
    static final long PRESIZED_BY_VERTX = 65_535;

    private final BodyHandler vertx;
    private long limit;

    PresizedBodyHandler(long limit) {
        this.vertx = BodyHandler.create(false).setBodyLimit(limit);
        this.limit = limit;
    }

    @Override
    public void handle(RoutingContext ctx) {
        long length = plainLength(ctx);
        if (length < 0) {
            vertx.handle(ctx);
            return;
        }
        ((RoutingContextInternal) ctx).visitHandler(RoutingContextInternal.BODY_HANDLER);
        new Reader(ctx, Buffer.buffer((int) length)).start();
    }

    /** The Content-Length of a request read here, or -1 for one left to Vert.x's handler. */
    private long plainLength(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (((RoutingContextInternal) ctx).seenHandler(RoutingContextInternal.BODY_HANDLER) || request.isEnded()
                || request.version() == HttpVersion.HTTP_2 || request.headers().contains(HttpHeaders.TRANSFER_ENCODING)
                || request.headers().contains(HttpHeaders.EXPECT) || request.headers().contains(HttpHeaders.UPGRADE)) {
            return -1;
        }
        String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (type != null) {
            String lower = type.toLowerCase(Locale.ROOT);
            if (lower.startsWith("multipart/form-data") || lower.startsWith("application/x-www-form-urlencoded")) {
                return -1;
            }
        }
        String header = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        long length;
        try {
            length = header == null ? -1 : Long.parseLong(header);
        } catch (NumberFormatException e) {
            return -1;
        }
        return length > PRESIZED_BY_VERTX && length <= limit && length <= Integer.MAX_VALUE ? length : -1;
    }

    /** One request's body into its buffer. */
    private final class Reader {
        private final RoutingContext ctx;
        private Buffer body;
        private boolean failed;

        Reader(RoutingContext ctx, Buffer body) {
            this.ctx = ctx;
            this.body = body;
        }

        void start() {
            HttpServerRequest request = ctx.request();
            request.exceptionHandler(error -> {
                if (error instanceof DecoderException) {
                    ctx.fail(400, error.getCause());
                } else {
                    ctx.fail(error);
                }
            });
            request.handler(this::chunk);
            request.endHandler(end -> end());
            request.resume();
        }

        private void chunk(Buffer chunk) {
            if (failed) {
                return;
            }
            if (body.length() + (long) chunk.length() > limit) {
                failed = true;
                ctx.fail(413);
                return;
            }
            body.appendBuffer(chunk);
        }

        private void end() {
            if (failed || ctx.failed()) {
                return;
            }
            ((RoutingContextInternal) ctx).setBody(body);
            body = null;
            ((RoutingContextInternal) ctx).next();
        }
    }

    // Settings go to Vert.x's handler, which reads every request this one does not (uploads, forms).

    @Override
    public BodyHandler setBodyLimit(long bodyLimit) {
        limit = bodyLimit;
        return configured(vertx.setBodyLimit(bodyLimit));
    }

    @Override
    public BodyHandler setHandleFileUploads(boolean handleFileUploads) {
        return configured(vertx.setHandleFileUploads(handleFileUploads));
    }

    @Override
    public BodyHandler setUploadsDirectory(String uploadsDirectory) {
        return configured(vertx.setUploadsDirectory(uploadsDirectory));
    }

    @Override
    public BodyHandler setMergeFormAttributes(boolean mergeFormAttributes) {
        return configured(vertx.setMergeFormAttributes(mergeFormAttributes));
    }

    @Override
    public BodyHandler setDeleteUploadedFilesOnEnd(boolean deleteUploadedFilesOnEnd) {
        return configured(vertx.setDeleteUploadedFilesOnEnd(deleteUploadedFilesOnEnd));
    }

    @Override
    public BodyHandler setPreallocateBodyBuffer(boolean preallocateBodyBuffer) {
        return configured(vertx.setPreallocateBodyBuffer(preallocateBodyBuffer));
    }

    private BodyHandler configured(BodyHandler ignored) {
        return this;
    }
}
