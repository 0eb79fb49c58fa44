package jp.jpkigate.idp.endpoint;

import io.vertx.ext.web.RoutingContext;
import java.util.Objects;
import jp.jpkigate.idp.login.ConsentForm;
import jp.jpkigate.idp.login.ConsentStep;
import jp.jpkigate.idp.login.LoginHandler;

/**
 * The consent page of a login (the browser holding the login cookie):
 * <pre>
 * GET  /login/{txn}/consent   the page ({@link ConsentPage}) while the login awaits the decision
 * POST /login/{txn}/consent   csrf=&lt;token&gt;&amp;decision=approve|deny
 *                             → 303 to the client: code, state, iss (approve) or error=access_denied, state, iss (deny)
 * </pre>
 * A POST without the cookie, with a wrong token, a malformed body, or after the decision was taken
 * gets an HTML error page (403, 400, 409), never a redirect.
 */
public final class ConsentEndpoint {
    private final ConsentStep consent;
    private final LoginPages pages;
    private final ConsentPage page;
    private final LoginCookie cookie;

    /** Reads the page template from the classpath: build it with the routes, not on an event loop. */
    public ConsentEndpoint(LoginHandler login, LoginPages pages) {
        this.consent = login.consent();
        this.pages = Objects.requireNonNull(pages, "pages");
        this.page = new ConsentPage();
        this.cookie = new LoginCookie(login.issuer());
    }

    public void get(RoutingContext ctx) {
        consent.page(ctx.pathParam("txn"), cookie.read(ctx.request()))
                .compose(shown -> page.render(ctx.response(), shown))
                .onFailure(failure -> pages.failure(ctx.response(), failure, ConsentPage.BASE, "consent page"));
    }

    public void post(RoutingContext ctx) {
        HtmlForm.read(ctx.request(), ConsentForm::of)
                .compose(form -> consent.decide(ctx.pathParam("txn"), cookie.read(ctx.request()), form))
                .compose(location -> Html.seeOther(ctx.response(), location.toString()))
                .onFailure(failure -> pages.failure(ctx.response(), failure, ConsentPage.BASE, "consent decision"));
    }
}
