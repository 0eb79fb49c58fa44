package jp.jpkigate.idp.endpoint;

import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Objects;
import jp.jpkigate.idp.admin.ClientAdministration;
import jp.jpkigate.idp.web.AdminAuthenticationHandler;
import jp.jpkigate.idp.web.JsonBody;
import jp.jpkigate.idp.web.OAuthResponses;

/**
 * {@code /admin/clients}: {@code GET} lists every client ({@code {"clients": [...]}}), {@code POST}
 * registers one (RFC 7591 §3.1: JSON metadata → {@code 201} with the registered metadata,
 * {@code client_id} and {@code client_id_issued_at}). Errors go to the admin failure handler.
 */
public final class AdminClientsEndpoint {
    private final ClientAdministration clients;
    private final int maxBodyBytes;

    public AdminClientsEndpoint(ClientAdministration clients, int maxBodyBytes) {
        this.clients = Objects.requireNonNull(clients, "clients");
        this.maxBodyBytes = maxBodyBytes;
    }

    public void list(RoutingContext ctx) {
        clients.list(AdminAuthenticationHandler.principal(ctx))
                .compose(all -> OAuthResponses.json(ctx.response(), 200, Map.of("clients", all)))
                .onFailure(ctx::fail);
    }

    public void register(RoutingContext ctx) {
        clients.register(AdminAuthenticationHandler.principal(ctx), JsonBody.read(ctx.request(), maxBodyBytes))
                .compose(client -> OAuthResponses.json(ctx.response(), 201, client))
                .onFailure(ctx::fail);
    }
}
