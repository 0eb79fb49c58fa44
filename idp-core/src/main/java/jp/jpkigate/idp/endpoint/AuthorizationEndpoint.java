package jp.jpkigate.idp.endpoint;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Objects;
import jp.jpkigate.idp.authorize.AuthorizationFailure;
import jp.jpkigate.idp.authorize.AuthorizationRedirect;
import jp.jpkigate.idp.authorize.AuthorizationRequestResolver;
import jp.jpkigate.idp.login.LoginHandler;
import jp.jpkigate.idp.oauth.OAuthError;
import jp.jpkigate.idp.session.SessionLogin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /authorize} (RFC 6749 §4.1.1, OIDC Core §3.1.2): resolve the request → open a login
 * transaction → the login page with its QR code and the browser-binding cookie; or, when the
 * browser's single sign-on session answers the request ({@link SessionLogin}), a 303 straight on to
 * the consent page or the client. Refusals (among them {@code login_required} for
 * {@code prompt=none}) are redirected to the client (with {@code state} and {@code iss}) once its
 * redirect URI is validated, otherwise shown as a 400 page.
 */
public final class AuthorizationEndpoint implements Handler<RoutingContext> {
    private static final Logger LOG = LoggerFactory.getLogger(AuthorizationEndpoint.class);

    private final AuthorizationRequestResolver resolver;
    private final SessionLogin logins;
    private final LoginPages pages;
    private final LoginCookie cookie;
    private final HostCookie sessionCookie;
    private final String issuer;

    public AuthorizationEndpoint(AuthorizationRequestResolver resolver, SessionLogin logins, LoginPages pages) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.logins = Objects.requireNonNull(logins, "logins");
        this.pages = Objects.requireNonNull(pages, "pages");
        this.issuer = logins.login().issuer();
        this.cookie = new LoginCookie(issuer);
        this.sessionCookie = HostCookie.session(issuer);
    }

    @Override
    public void handle(RoutingContext ctx) {
        resolver.resolve(ctx.request().query())
                .compose(resolved -> logins.start(resolved, sessionCookie.read(ctx.request())))
                .compose(start -> {
                    LoginHandler.Opened opened = start instanceof SessionLogin.Start.Card card ? card.opened()
                            : ((SessionLogin.Start.Answered) start).opened();
                    ctx.response().addCookie(cookie.create(opened.browserSecret(),
                            LoginHandler.LIFETIME.plus(LoginHandler.CONTINUE_GRACE).toSeconds()));
                    return start instanceof SessionLogin.Start.Answered answered
                            ? Html.seeOther(ctx.response(), LoginContinueEndpoint.location(issuer, answered.next()))
                            : pages.login(ctx.response(), opened.transaction());
                })
                .onFailure(failure -> {
                    if (failure instanceof AuthorizationFailure refused) {
                        if (refused.redirectUri().isPresent()) {
                            Html.secure(ctx.response()).setStatusCode(303).putHeader("Location",
                                    AuthorizationRedirect.error(refused.redirectUri().get(), refused.error(),
                                            refused.state(), issuer).toString()).end();
                        } else {
                            pages.error(ctx.response(), refused.error());
                        }
                    } else {
                        LOG.error("authorization request failed: {}", failure.getClass().getName(), failure);
                        pages.error(ctx.response(), OAuthError.SERVER_ERROR);
                    }
                });
    }
}
