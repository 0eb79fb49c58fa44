package jp.jpkigate.idp.endpoint;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Objects;
import jp.jpkigate.idp.login.LoginContinuation;
import jp.jpkigate.idp.login.LoginHandler;

/**
 * {@code GET /login/{txn}/continue}: continues the login once the card has signed — 303 to the
 * client with {@code code}, {@code state}, {@code iss} when the person's approval is remembered,
 * 303 to {@code /login/{txn}/consent} when the person must approve first, or 303 to the client with
 * {@code error=access_denied} (JPKI failure, expiry) or {@code consent_required} ({@code prompt=none});
 * an HTML error page when there is no one to send it to (unknown, other browser, still pending,
 * already continued).
 */
public final class LoginContinueEndpoint implements Handler<RoutingContext> {
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
                .compose(next -> Html.seeOther(ctx.response(), next instanceof LoginContinuation.ToClient client
                        ? client.location().toString()
                        : login.issuer() + "/login/" + ((LoginContinuation.AskConsent) next).transactionId() + "/consent"))
                .onFailure(failure -> pages.failure(ctx.response(), failure, "../../", "login continue"));
    }
}
