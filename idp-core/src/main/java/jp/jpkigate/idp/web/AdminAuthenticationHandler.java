package jp.jpkigate.idp.web;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.idp.admin.AdminPrincipal;
import jp.jpkigate.idp.admin.AdminTokens;
import jp.jpkigate.idp.token.BearerTokenException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets only callers with an admin token (RFC 6750 Bearer) through to the admin routes, and puts who
 * they are in the routing context; the others get 401 with {@code WWW-Authenticate: Bearer}. A
 * refused attempt is logged with its address, never with the token. Synchronous, so the request
 * body is still unread for the endpoint.
 */
public final class AdminAuthenticationHandler implements Handler<RoutingContext> {
    /** The realm of the admin API's {@code WWW-Authenticate}. */
    public static final String REALM = "jpkigate-admin";
    private static final Logger LOG = LoggerFactory.getLogger(AdminAuthenticationHandler.class);
    private static final String PRINCIPAL = AdminPrincipal.class.getName();

    private final AdminTokens tokens;

    public AdminAuthenticationHandler(AdminTokens tokens) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
    }

    @Override
    public void handle(RoutingContext ctx) {
        try {
            ctx.put(PRINCIPAL, tokens.authenticate(Optional.ofNullable(ctx.request().getHeader("Authorization"))));
        } catch (BearerTokenException e) {
            LOG.warn("admin API: refused {} {} from {} ({})", ctx.request().method(), ctx.request().path(),
                    ctx.request().remoteAddress(), e.description());
            ctx.fail(e);
            return;
        }
        ctx.next();
    }

    /** The caller, once authenticated. */
    public static AdminPrincipal principal(RoutingContext ctx) {
        return Objects.requireNonNull(ctx.get(PRINCIPAL), "no admin principal: the route is not behind the admin authentication");
    }
}
