package jp.jpkigate.idp.endpoint;

import com.nimbusds.jose.jwk.JWKSet;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Objects;
import jp.jpkigate.idp.key.KeyRotationOptions;
import jp.jpkigate.idp.key.SigningKeys;

/**
 * {@code GET /jwks}: the OP's public signing keys (RFC 7517 §5) — the next, current and retiring
 * keys — as {@code application/jwk-set+json}. Relying parties may cache it for
 * {@link KeyRotationOptions#JWKS_MAX_AGE}, well under the propagation delay, so a next key is in
 * their cache before it signs. Serialised again only when the published keys change.
 */
public final class JwksEndpoint implements Handler<RoutingContext> {
    private final SigningKeys keys;
    private final String cacheControl = "public, max-age=" + KeyRotationOptions.JWKS_MAX_AGE.toSeconds();
    private volatile Serialised serialised;

    private record Serialised(JWKSet of, String json) {
    }

    public JwksEndpoint(SigningKeys keys) {
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    @Override
    public void handle(RoutingContext ctx) {
        ctx.response()
                .putHeader("Content-Type", "application/jwk-set+json")
                .putHeader("Cache-Control", cacheControl)
                .end(json())
                .onFailure(ctx::fail);
    }

    private String json() {
        JWKSet published = keys.publicJwks();
        Serialised cached = serialised;
        if (cached == null || cached.of() != published) {
            if (published.getKeys().stream().anyMatch(k -> k.isPrivate())) {
                throw new IllegalStateException("the JWKS endpoint publishes public keys only");
            }
            cached = new Serialised(published, published.toString(true));
            serialised = cached;
        }
        return cached.json();
    }
}
