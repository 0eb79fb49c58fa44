package jp.jpkigate.idp.endpoint;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Objects;
import jp.jpkigate.idp.login.LoginContinuation;
import jp.jpkigate.idp.session.SessionLogin;

/**
 * {@code GET /login/{txn}/continue}: continues the login once the card has signed — 303 to the
 * client with {@code code}, {@code state}, {@code iss} when the person's approval is remembered,
 * 303 to {@code /login/{txn}/consent} when the person must approve first, or 303 to the client with
 * {@code error=access_denied} (JPKI failure, expiry) or {@code consent_required} ({@code prompt=none});
 * an HTML error page when there is no one to send it to (unknown, other browser, still pending,
 * already continued). A card login that goes on opens (or renews) the browser's single sign-on
 * session: its cookie ({@link HostCookie#session}) is set on this answer.
 */
public final class LoginContinueEndpoint implements Handler<RoutingContext> {
    private final SessionLogin logins;
    private final LoginPages pages;
    private final LoginCookie cookie;
    private final HostCookie sessionCookie;
    private final String issuer;

    public LoginContinueEndpoint(SessionLogin logins, LoginPages pages) {
        this.logins = Objects.requireNonNull(logins, "logins");
        this.pages = Objects.requireNonNull(pages, "pages");
        this.issuer = logins.login().issuer();
        this.cookie = new LoginCookie(issuer);
        this.sessionCookie = HostCookie.session(issuer);
    }

    @Override
    public void handle(RoutingContext ctx) {
        logins.resume(ctx.pathParam("txn"), cookie.read(ctx.request()), sessionCookie.read(ctx.request()))
                .compose(resumed -> {
                    resumed.sessionId().ifPresent(id -> ctx.response().addCookie(sessionCookie.create(id, -1)));
                    return Html.seeOther(ctx.response(), location(issuer, resumed.next()));
                })
                .onFailure(failure -> pages.failure(ctx.response(), failure, "../../", "login continue"));
    }

    /** The client's redirect URI with the answer, or the login's consent page. */
    static String location(String issuer, LoginContinuation next) {
        return next instanceof LoginContinuation.ToClient client
                ? client.location().toString()
                : issuer + "/login/" + ((LoginContinuation.AskConsent) next).transactionId() + "/consent";
    }
}
