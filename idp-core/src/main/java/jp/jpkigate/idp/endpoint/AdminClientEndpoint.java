package jp.jpkigate.idp.endpoint;

import io.vertx.ext.web.RoutingContext;
import java.util.Objects;
import jp.jpkigate.idp.admin.ClientAdministration;
import jp.jpkigate.idp.web.AdminAuthenticationHandler;
import jp.jpkigate.idp.web.JsonBody;
import jp.jpkigate.idp.web.OAuthResponses;

/**
 * {@code /admin/clients/{client_id}} (RFC 7592 §2 shapes): {@code GET} the client's metadata,
 * {@code PUT} replaces it (the whole metadata, validated like a registration), {@code DELETE}
 * disables it ({@code 204}; the record is kept). Errors go to the admin failure handler.
 */
public final class AdminClientEndpoint {
    private final ClientAdministration clients;
    private final int maxBodyBytes;

    public AdminClientEndpoint(ClientAdministration clients, int maxBodyBytes) {
        this.clients = Objects.requireNonNull(clients, "clients");
        this.maxBodyBytes = maxBodyBytes;
    }

    public void read(RoutingContext ctx) {
        clients.read(AdminAuthenticationHandler.principal(ctx), ctx.pathParam("client_id"))
                .compose(client -> OAuthResponses.json(ctx.response(), 200, client))
                .onFailure(ctx::fail);
    }

    public void update(RoutingContext ctx) {
        clients.update(AdminAuthenticationHandler.principal(ctx), ctx.pathParam("client_id"),
                        JsonBody.read(ctx.request(), maxBodyBytes))
                .compose(client -> OAuthResponses.json(ctx.response(), 200, client))
                .onFailure(ctx::fail);
    }

    public void disable(RoutingContext ctx) {
        clients.disable(AdminAuthenticationHandler.principal(ctx), ctx.pathParam("client_id"))
                .compose(client -> ctx.response().setStatusCode(204).putHeader("Cache-Control", "no-store").end())
                .onFailure(ctx::fail);
    }
}
