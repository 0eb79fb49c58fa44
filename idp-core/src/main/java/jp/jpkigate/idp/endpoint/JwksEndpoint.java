package jp.jpkigate.idp.endpoint;

import com.nimbusds.jose.jwk.JWKSet;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /jwks}: the OP's public signing keys (RFC 7517 §5), {@code application/jwk-set+json}.
 * Cached briefly by clients so a newly published key is picked up within minutes.
 */
public final class JwksEndpoint implements Handler<RoutingContext> {
    private final String json;

    public JwksEndpoint(JWKSet publicKeys) {
        if (publicKeys.getKeys().stream().anyMatch(k -> k.isPrivate())) {
            throw new IllegalArgumentException("the JWKS endpoint publishes public keys only");
        }
        this.json = publicKeys.toString(true);
    }

    @Override
    public void handle(RoutingContext ctx) {
        ctx.response()
                .putHeader("Content-Type", "application/jwk-set+json")
                .putHeader("Cache-Control", "public, max-age=300")
                .end(json)
                .onFailure(ctx::fail);
    }
}
