package jp.jpkigate.idp.endpoint;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.idp.introspection.IntrospectionHandler;
import jp.jpkigate.idp.introspection.IntrospectionJwt;
import jp.jpkigate.idp.introspection.IntrospectionResponse;
import jp.jpkigate.idp.mtls.ClientCertificate;
import jp.jpkigate.idp.oauth.FormParameters;
import jp.jpkigate.idp.web.ClientCertificates;
import jp.jpkigate.idp.web.OAuthResponses;

/**
 * {@code POST /introspect} (RFC 7662 §2): parse the form → {@link IntrospectionHandler} → 200 with
 * the response as JSON, or as an RFC 9701 signed JWT ({@code application/token-introspection+jwt})
 * when the request's {@code Accept} names that media type; {@code Cache-Control: no-store} either
 * way. Errors go to the router's failure handler ({@code invalid_client} 401, {@code invalid_request} 400).
 */
public final class IntrospectionEndpoint extends ClientFormEndpoint<IntrospectionResponse> {
    private final IntrospectionHandler handler;
    private final IntrospectionJwt jwt;

    public IntrospectionEndpoint(IntrospectionHandler handler, IntrospectionJwt jwt, int maxBodyBytes,
                                 ClientCertificates certificates) {
        super(maxBodyBytes, certificates);
        this.handler = Objects.requireNonNull(handler, "handler");
        this.jwt = Objects.requireNonNull(jwt, "jwt");
    }

    @Override
    Future<IntrospectionResponse> process(FormParameters form, Optional<String> authorization,
                                          Optional<ClientCertificate> certificate) {
        return handler.handle(form, authorization, certificate);
    }

    @Override
    Future<Void> write(RoutingContext ctx, IntrospectionResponse response) {
        return acceptsJwt(ctx.request().headers().getAll("Accept")) ? writeJwt(ctx.response(), response)
                : OAuthResponses.json(ctx.response(), 200, response.toJsonObject());
    }

    /** Whether an {@code Accept} header names {@value IntrospectionJwt#MEDIA_TYPE} (with a non-zero q, if any). */
    static boolean acceptsJwt(List<String> accept) {
        for (String header : accept) {
            for (String range : header.split(",")) {
                String[] parts = range.split(";", -1);
                if (parts[0].trim().equalsIgnoreCase(IntrospectionJwt.MEDIA_TYPE) && !zeroQuality(parts)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean zeroQuality(String[] parameters) {
        for (int i = 1; i < parameters.length; i++) {
            String p = parameters[i].trim().toLowerCase(Locale.ROOT);
            if (p.matches("q\\s*=\\s*0(\\.0{0,3})?")) {
                return true;
            }
        }
        return false;
    }

    private Future<Void> writeJwt(HttpServerResponse response, IntrospectionResponse introspection) {
        if (response.ended() || response.headWritten()) {
            return Future.succeededFuture();
        }
        return response.setStatusCode(200)
                .putHeader("Content-Type", IntrospectionJwt.MEDIA_TYPE)
                .putHeader("Cache-Control", "no-store")
                .putHeader("Pragma", "no-cache")
                .end(jwt.sign(introspection));
    }
}
