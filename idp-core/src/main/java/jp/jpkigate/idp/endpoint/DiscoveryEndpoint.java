package jp.jpkigate.idp.endpoint;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/**
 * {@code GET /.well-known/openid-configuration} (OIDC Discovery §4) and
 * {@code /.well-known/oauth-authorization-server} (RFC 8414 §3): the same document, serialised once.
 */
public final class DiscoveryEndpoint implements Handler<RoutingContext> {
    private final String json;

    public DiscoveryEndpoint(Map<String, Object> metadata) {
        this.json = JSONObjectUtils.toJSONString(metadata);
    }

    @Override
    public void handle(RoutingContext ctx) {
        ctx.response()
                .putHeader("Content-Type", "application/json;charset=UTF-8")
                .putHeader("Cache-Control", "public, max-age=300")
                .end(json)
                .onFailure(ctx::fail);
    }
}
