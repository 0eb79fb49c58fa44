package jp.jpkigate.idp.endpoint;

import io.vertx.ext.web.RoutingContext;
import java.util.Objects;
import jp.jpkigate.idp.admin.KeyAdministration;
import jp.jpkigate.idp.web.AdminAuthenticationHandler;
import jp.jpkigate.idp.web.OAuthResponses;

/**
 * {@code GET /admin/keys}: the signing keys' states and the rotation settings;
 * {@code POST /admin/keys/rotate}: rotate now — {@code 200} with the new states, or {@code 409
 * rotation_not_ready} (with {@code retry_at}) while the next key has not been published for the
 * propagation delay. Public facts only.
 */
public final class AdminKeysEndpoint {
    private final KeyAdministration keys;

    public AdminKeysEndpoint(KeyAdministration keys) {
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    public void list(RoutingContext ctx) {
        keys.status(AdminAuthenticationHandler.principal(ctx))
                .compose(status -> OAuthResponses.json(ctx.response(), 200, status))
                .onFailure(ctx::fail);
    }

    public void rotate(RoutingContext ctx) {
        keys.rotate(AdminAuthenticationHandler.principal(ctx))
                .compose(status -> OAuthResponses.json(ctx.response(), 200, status))
                .onFailure(ctx::fail);
    }
}
