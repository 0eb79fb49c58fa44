package jp.jpkigate.consent.dashboard;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.consent.page.ConsentPages;
import jp.jpkigate.consent.page.PageForms;
import jp.jpkigate.consent.signing.DocumentSigning;
import jp.jpkigate.idp.endpoint.AccountCookie;
import jp.jpkigate.idp.endpoint.Html;
import jp.jpkigate.idp.endpoint.HtmlForm;
import jp.jpkigate.idp.login.AccountLogin;

/**
 * The person's consents in the OP's account area (its session cookie is scoped to {@code /account}):
 * <pre>
 * GET  /account/consents                     with a live account session: the consents ({@link DashboardPage});
 *                                            without: 303 to the account login, which returns here
 * POST /account/consents/withdraw            csrf, consent_id → a withdrawal signing transaction → 303 to its page
 * GET  /account/consents/sign/{txn}/page     QR code, same-device link, polling
 * GET  /account/consents/sign/{txn}/status   the page's polling (SigningStatusEndpoint, bound to the session)
 * GET  /account/consents/sign/{txn}/continue the signer must be the session's person → WITHDRAWN → the done page
 * </pre>
 */
public final class DashboardEndpoint {
    /** Pages at /account/consents/sign/{txn}/…, to the issuer's root. */
    private static final String SIGN_BASE = "../../../../";

    private final ConsentDashboard dashboard;
    private final DocumentSigning signing;
    private final ConsentPages pages;
    private final DashboardPage page;
    private final AccountCookie accountCookie;
    private final Clock clock;

    /** Reads the page template from the classpath: build it with the routes, not on an event loop. */
    public DashboardEndpoint(ConsentDashboard dashboard, DocumentSigning signing, ConsentPages pages, Clock clock) {
        this.dashboard = Objects.requireNonNull(dashboard, "dashboard");
        this.signing = Objects.requireNonNull(signing, "signing");
        this.pages = Objects.requireNonNull(pages, "pages");
        this.page = new DashboardPage();
        this.accountCookie = new AccountCookie(signing.issuer());
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The account session id the browser sent (the binding of its withdrawal transactions). */
    public Optional<String> session(HttpServerRequest request) {
        return accountCookie.read(request);
    }

    public void get(RoutingContext ctx) {
        dashboard.view(session(ctx.request()))
                .compose(view -> view.isPresent()
                        ? page.render(ctx.response(), view.get(), clock.instant())
                        : Html.seeOther(ctx.response(), signing.issuer() + AccountLogin.PATH + "?" + AccountLogin.NEXT_CONSENTS))
                .onFailure(failure -> pages.failure(ctx.response(), failure, DashboardPage.BASE, "consents page"));
    }

    public void withdraw(RoutingContext ctx) {
        HtmlForm.read(ctx.request(), PageForms.Withdraw::of)
                .compose(form -> dashboard.openWithdrawal(session(ctx.request()), form.consentId(), form.csrf()))
                .compose(txn -> Html.seeOther(ctx.response(), signing.issuer() + AccountLogin.CONSENTS_PATH + "/sign/" + txn.id() + "/page"))
                .onFailure(failure -> pages.failure(ctx.response(), failure, "../../", "withdrawal start"));
    }

    public void signingPage(RoutingContext ctx) {
        signing.status(ctx.pathParam("txn"), session(ctx.request()))
                .compose(txn -> pages.signing(ctx.response(), SIGN_BASE, txn, signing.signerUrl(txn.id())))
                .onFailure(failure -> pages.failure(ctx.response(), failure, SIGN_BASE, "withdrawal signing page"));
    }

    public void finish(RoutingContext ctx) {
        dashboard.finishWithdrawal(ctx.pathParam("txn"), session(ctx.request()))
                .compose(done -> pages.done(ctx.response(), SIGN_BASE, ConsentPages.Outcome.WITHDRAWN, done.consent(),
                        done.businessName(), clock.instant()))
                .onFailure(failure -> pages.failure(ctx.response(), failure, SIGN_BASE, "withdrawal continue"));
    }
}
