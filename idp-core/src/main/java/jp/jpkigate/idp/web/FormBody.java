package jp.jpkigate.idp.web;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.util.Locale;
import jp.jpkigate.idp.oauth.FormParameters;
import jp.jpkigate.idp.oauth.OAuthError;
import jp.jpkigate.idp.oauth.OAuthException;

/**
 * Reads an {@code application/x-www-form-urlencoded} request body, at most {@code limit} bytes,
 * and parses it strictly with {@link FormParameters} (the OP's own parser, so repeated parameters
 * and malformed encodings are {@code invalid_request}, never a library's 500). A body over the
 * limit is {@code 413 invalid_request}, detected from {@code Content-Length} or while streaming.
 */
public final class FormBody {
    private FormBody() {
    }

    public static Future<FormParameters> read(HttpServerRequest request, int limit) {
        if (!mediaType(request).equals("application/x-www-form-urlencoded")) {
            return Future.failedFuture(OAuthError.INVALID_REQUEST
                    .withDescription("Content-Type must be application/x-www-form-urlencoded").toException());
        }
        return body(request, limit).compose(buffer -> {
            try {
                return Future.succeededFuture(FormParameters.parse(buffer.getBytes()));
            } catch (OAuthException e) {
                return Future.failedFuture(e);
            }
        });
    }

    /** The request's media type, lower case without parameters; empty without {@code Content-Type}. */
    static String mediaType(HttpServerRequest request) {
        String contentType = request.getHeader("Content-Type");
        return contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    }

    /**
     * The raw body, at most {@code limit} bytes: beyond it {@code 413 invalid_request}, detected
     * from {@code Content-Length} or while streaming. Empty when the body was read already.
     */
    public static Future<Buffer> body(HttpServerRequest request, int limit) {
        String length = request.getHeader("Content-Length");
        if (length != null) {
            try {
                if (Long.parseLong(length.trim()) > limit) {
                    return Future.failedFuture(tooLarge(limit));
                }
            } catch (NumberFormatException e) {
                return Future.failedFuture(OAuthError.INVALID_REQUEST.withDescription("bad Content-Length").toException());
            }
        }
        if (request.isEnded()) {
            // No body (or one already read by an earlier handler): an empty form, which fails closed
            // (no client authentication) rather than waiting for data that will never come.
            return Future.succeededFuture(Buffer.buffer());
        }
        Promise<Buffer> promise = Promise.promise();
        Buffer body = Buffer.buffer();
        request.exceptionHandler(promise::tryFail);
        request.handler(chunk -> {
            if (body.length() + chunk.length() > limit) {
                request.handler(null);
                promise.tryFail(tooLarge(limit));
            } else {
                body.appendBuffer(chunk);
            }
        });
        request.endHandler(v -> promise.tryComplete(body));
        request.resume();
        return promise.future();
    }

    private static OAuthException tooLarge(int limit) {
        return OAuthError.INVALID_REQUEST.withStatus(413).withDescription("request body larger than " + limit + " bytes").toException();
    }
}
