package jp.jpkigate.idp.endpoint;

import io.vertx.ext.web.RoutingContext;
import java.util.Objects;
import jp.jpkigate.idp.account.AccountHandler;
import jp.jpkigate.idp.account.RevokeForm;
import jp.jpkigate.idp.login.AccountLogin;
import jp.jpkigate.idp.login.LoginHandler;

/**
 * The person's approvals:
 * <pre>
 * GET  /account/approvals          with a live account session: the approvals ({@link AccountPage});
 *                                  without: the login page of a new account login (QR code, same-device
 *                                  link) continuing to /account/login/{txn}/continue (with ?next=consents
 *                                  when asked so: the login then returns to /account/consents)
 * POST /account/approvals/revoke   csrf=&lt;token&gt;&amp;client_id=&lt;client&gt; → 303 to /account/approvals
 * </pre>
 * A revoke without the session cookie, with a wrong token or a malformed body gets an HTML error
 * page (403, 400).
 */
public final class AccountApprovalsEndpoint {
    private final AccountHandler account;
    private final LoginPages pages;
    private final AccountPage page;
    private final LoginCookie loginCookie;
    private final AccountCookie accountCookie;
    private final String issuer;

    /** Reads the page template from the classpath: build it with the routes, not on an event loop. */
    public AccountApprovalsEndpoint(AccountHandler account, LoginPages pages, String issuer) {
        this.account = Objects.requireNonNull(account, "account");
        this.pages = Objects.requireNonNull(pages, "pages");
        this.page = new AccountPage();
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.loginCookie = new LoginCookie(issuer);
        this.accountCookie = new AccountCookie(issuer);
    }

    public void get(RoutingContext ctx) {
        account.view(accountCookie.read(ctx.request()))
                .compose(view -> view.isPresent()
                        ? page.render(ctx.response(), view.get())
                        : account.openLogin().compose(opened -> {
                            ctx.response().addCookie(loginCookie.create(opened.browserSecret(),
                                    LoginHandler.LIFETIME.plus(LoginHandler.CONTINUE_GRACE).toSeconds()));
                            return pages.login(ctx.response(), opened.transaction(), AccountPage.BASE,
                                    "login/" + opened.transaction().id() + "/continue"
                                            + (AccountLogin.NEXT_CONSENTS.equals(ctx.request().query())
                                            ? "?" + AccountLogin.NEXT_CONSENTS : ""));
                        }))
                .onFailure(failure -> pages.failure(ctx.response(), failure, AccountPage.BASE, "account page"));
    }

    public void revoke(RoutingContext ctx) {
        HtmlForm.read(ctx.request(), RevokeForm::of)
                .compose(form -> account.revoke(accountCookie.read(ctx.request()), form))
                .compose(v -> Html.seeOther(ctx.response(), issuer + AccountLogin.PATH))
                .onFailure(failure -> pages.failure(ctx.response(), failure, "../../", "approval revocation"));
    }
}
