package jp.jpkigate.idp.endpoint;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Objects;
import jp.jpkigate.idp.login.LoginException;
import jp.jpkigate.idp.login.LoginHandler;
import jp.jpkigate.idp.oauth.OAuthError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /login/{txn}/continue}: ends the transaction and sends the browser back to the client
 * (303) with {@code code}, {@code state}, {@code iss}, or {@code error=access_denied} naming the
 * JPKI failure; an HTML error page when there is no one to send it to (unknown, other browser,
 * still pending, already continued).
 */
public final class LoginContinueEndpoint implements Handler<RoutingContext> {
    private static final Logger LOG = LoggerFactory.getLogger(LoginContinueEndpoint.class);

    private final LoginHandler login;
    private final LoginPages pages;
    private final LoginCookie cookie;

    public LoginContinueEndpoint(LoginHandler login, LoginPages pages) {
        this.login = Objects.requireNonNull(login, "login");
        this.pages = Objects.requireNonNull(pages, "pages");
        this.cookie = new LoginCookie(login.issuer());
    }

    @Override
    public void handle(RoutingContext ctx) {
        login.complete(ctx.pathParam("txn"), cookie.read(ctx.request()))
                .onSuccess(location -> Html.secure(ctx.response()).setStatusCode(303)
                        .putHeader("Location", location.toString()).end())
                .onFailure(failure -> {
                    if (failure instanceof LoginException refused) {
                        pages.error(ctx.response(), refused.problem());
                    } else {
                        LOG.error("login continue failed: {}", failure.getClass().getName(), failure);
                        pages.error(ctx.response(), OAuthError.SERVER_ERROR);
                    }
                });
    }
}
