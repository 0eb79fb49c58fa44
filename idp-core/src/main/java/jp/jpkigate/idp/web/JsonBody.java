package jp.jpkigate.idp.web;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import jp.jpkigate.idp.admin.RegistrationException;

/**
 * Reads an {@code application/json} request body of at most {@code limit} bytes as UTF-8 text
 * ({@link FormBody#body}: 413 beyond); another content type is RFC 7591 {@code invalid_client_metadata}.
 */
public final class JsonBody {
    private JsonBody() {
    }

    public static Future<String> read(HttpServerRequest request, int limit) {
        if (!FormBody.mediaType(request).equals("application/json")) {
            return Future.failedFuture(new RegistrationException(RegistrationException.Kind.INVALID_CLIENT_METADATA,
                    "Content-Type must be application/json"));
        }
        return FormBody.body(request, limit).map(buffer -> buffer.toString(StandardCharsets.UTF_8));
    }
}
