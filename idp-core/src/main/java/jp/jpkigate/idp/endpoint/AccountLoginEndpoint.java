package jp.jpkigate.idp.endpoint;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Objects;
import jp.jpkigate.idp.account.AccountHandler;
import jp.jpkigate.idp.login.AccountLogin;

/**
 * {@code GET /account/login/{txn}/continue}: once the card has signed the account login, opens the
 * account session (its cookie, SameSite=Strict, path {@code /account}) and 303s to
 * {@code /account/approvals}, or to {@code /account/consents} with {@code ?next=consents}
 * ({@link AccountLogin#returnPath}); an HTML error page otherwise (other browser, pending, failed, expired,
 * used, not an account login).
 */
public final class AccountLoginEndpoint implements Handler<RoutingContext> {
    private final AccountHandler account;
    private final LoginPages pages;
    private final LoginCookie loginCookie;
    private final AccountCookie accountCookie;
    private final String issuer;

    public AccountLoginEndpoint(AccountHandler account, LoginPages pages, String issuer) {
        this.account = Objects.requireNonNull(account, "account");
        this.pages = Objects.requireNonNull(pages, "pages");
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.loginCookie = new LoginCookie(issuer);
        this.accountCookie = new AccountCookie(issuer);
    }

    @Override
    public void handle(RoutingContext ctx) {
        account.signIn(ctx.pathParam("txn"), loginCookie.read(ctx.request()))
                .compose(session -> {
                    ctx.response().addCookie(accountCookie.create(session.sessionId(), session.lifetime().toSeconds()));
                    return Html.seeOther(ctx.response(), issuer + AccountLogin.returnPath(ctx.request().query()));
                })
                .onFailure(failure -> pages.failure(ctx.response(), failure, "../../../", "account login"));
    }
}
