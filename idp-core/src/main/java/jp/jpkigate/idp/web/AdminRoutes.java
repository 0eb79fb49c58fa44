package jp.jpkigate.idp.web;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import jp.jpkigate.idp.admin.AdminAudit;
import jp.jpkigate.idp.admin.AdminTokens;
import jp.jpkigate.idp.admin.ClientAdministration;
import jp.jpkigate.idp.admin.KeyAdministration;
import jp.jpkigate.idp.endpoint.AdminAuditEndpoint;
import jp.jpkigate.idp.endpoint.AdminClientEndpoint;
import jp.jpkigate.idp.endpoint.AdminClientsEndpoint;
import jp.jpkigate.idp.endpoint.AdminKeysEndpoint;

/**
 * The admin API, every route behind an admin bearer token ({@link AdminAuthenticationHandler}) and
 * audited:
 * <pre>
 * GET    /admin/clients                 every client (the file's read-only, the registered ones)
 * POST   /admin/clients                 RFC 7591 registration → 201
 * GET    /admin/clients/{client_id}     RFC 7592 read
 * PUT    /admin/clients/{client_id}     RFC 7592 update
 * DELETE /admin/clients/{client_id}     disable (the record is kept) → 204
 * GET    /admin/keys                    signing keys: states, times, rotation settings
 * POST   /admin/keys/rotate             rotate now (409 rotation_not_ready while the next key is too new)
 * GET    /admin/audit?after=&amp;limit=      the audit log
 * </pre>
 * Errors are JSON ({@link AdminFailureHandler}). Serve it on its own listener that only an internal
 * network reaches, never on the public one.
 */
public final class AdminRoutes {
    private AdminRoutes() {
    }

    public static Router create(Vertx vertx, AdminTokens tokens, ClientAdministration clients, KeyAdministration keys,
                                AdminAudit audit, int maxBodyBytes) {
        AdminClientsEndpoint collection = new AdminClientsEndpoint(clients, maxBodyBytes);
        AdminClientEndpoint client = new AdminClientEndpoint(clients, maxBodyBytes);
        AdminKeysEndpoint signingKeys = new AdminKeysEndpoint(keys);
        Router router = Router.router(vertx);
        router.route("/admin/*").handler(new AdminAuthenticationHandler(tokens));
        router.get("/admin/clients").handler(collection::list);
        router.post("/admin/clients").handler(collection::register);
        router.get("/admin/clients/:client_id").handler(client::read);
        router.put("/admin/clients/:client_id").handler(client::update);
        router.delete("/admin/clients/:client_id").handler(client::disable);
        router.get("/admin/keys").handler(signingKeys::list);
        router.post("/admin/keys/rotate").handler(signingKeys::rotate);
        router.get("/admin/audit").handler(new AdminAuditEndpoint(audit));
        for (String path : new String[] {"/admin/clients", "/admin/clients/:client_id", "/admin/keys", "/admin/keys/rotate",
                "/admin/audit"}) {
            router.route(path).handler(ctx -> ctx.fail(405));
        }
        router.route().handler(ctx -> ctx.fail(404));
        router.route().failureHandler(new AdminFailureHandler());
        return router;
    }
}
