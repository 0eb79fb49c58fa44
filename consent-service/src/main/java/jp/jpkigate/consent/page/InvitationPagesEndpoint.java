package jp.jpkigate.consent.page;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.consent.invitation.InvitationLinks;
import jp.jpkigate.consent.signing.ConsentProblem;
import jp.jpkigate.consent.signing.DocumentSigning;
import jp.jpkigate.idp.client.RegisteredClient;
import jp.jpkigate.idp.endpoint.Html;
import jp.jpkigate.idp.endpoint.HtmlForm;
import jp.jpkigate.idp.login.CsrfTokens;

/**
 * The person's way to a consent:
 * <pre>
 * GET  /consent/i/{token}              the invitation: business, customer number, items, purpose, date, validity,
 *                                      and the button that signs (404 unknown or forged, 410 expired, 409 used)
 * POST /consent/i/{token}              csrf → a consent signing transaction → 303 to its page
 * GET  /consent/start                  the form: business (those that invite) and customer number
 * POST /consent/start                  csrf, client_id, customer_number → the latest invitation's page (rendered,
 *                                      never redirected: the customer number stays out of URLs); 404 none
 * GET  /consent/sign/{txn}/page        QR code, same-device link, polling (the browser that opened it)
 * GET  /consent/sign/{txn}/continue    records the consent once the card has signed → the done page
 * </pre>
 * The forms' anti-CSRF tokens are HMACs keyed by the browser's {@link ConsentCookie} secret, bound to the
 * form's purpose and the invitation; the signing transaction is bound to the same secret.
 */
public final class InvitationPagesEndpoint {
    static final String SIGN_CSRF = "jpkigate-consent-sign-v1";
    static final String FIND_CSRF = "jpkigate-consent-find-v1";
    /** Pages at /consent/i/{token} and /consent/sign/{txn}/… and /consent/start, to the issuer's root. */
    private static final String TOKEN_BASE = "../../";
    private static final String SIGN_BASE = "../../../";
    private static final String START_BASE = "../";

    private final ConsentFlow flow;
    private final DocumentSigning signing;
    private final InvitationLinks links;
    private final ConsentPages pages;
    private final ConsentCookie cookie;
    private final Clock clock;
    private final SecureRandom random;

    public InvitationPagesEndpoint(ConsentFlow flow, DocumentSigning signing, InvitationLinks links, ConsentPages pages,
                                   Clock clock, SecureRandom random) {
        this.flow = Objects.requireNonNull(flow, "flow");
        this.signing = Objects.requireNonNull(signing, "signing");
        this.links = Objects.requireNonNull(links, "links");
        this.pages = Objects.requireNonNull(pages, "pages");
        this.cookie = new ConsentCookie(signing.issuer());
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    public ConsentCookie cookie() {
        return cookie;
    }

    public void review(RoutingContext ctx) {
        invitationId(ctx)
                .compose(flow::review)
                .compose(review -> {
                    String secret = cookie.ensure(ctx.request(), ctx.response(), random);
                    String id = review.invitation().id();
                    return pages.review(ctx.response(), TOKEN_BASE, review.invitation(), review.businessName(), clock.instant(),
                            TOKEN_BASE + "consent/i/" + links.token(id), CsrfTokens.derive(secret, SIGN_CSRF, id));
                })
                .onFailure(failure -> pages.failure(ctx.response(), failure, TOKEN_BASE, "invitation page"));
    }

    public void sign(RoutingContext ctx) {
        HtmlForm.read(ctx.request(), PageForms.Button::of)
                .compose(form -> invitationId(ctx).compose(id -> {
                    Optional<String> secret = cookie.read(ctx.request());
                    if (secret.isEmpty() || !CsrfTokens.matches(CsrfTokens.derive(secret.get(), SIGN_CSRF, id), form.csrf())) {
                        return Future.failedFuture(ConsentProblem.CSRF_MISMATCH.toException());
                    }
                    return flow.open(id, secret.get());
                }))
                .compose(txn -> Html.seeOther(ctx.response(), signing.issuer() + "/consent/sign/" + txn.id() + "/page"))
                .onFailure(failure -> pages.failure(ctx.response(), failure, TOKEN_BASE, "consent signing start"));
    }

    public void findForm(RoutingContext ctx) {
        String secret = cookie.ensure(ctx.request(), ctx.response(), random);
        StringBuilder options = new StringBuilder();
        for (RegisteredClient client : flow.invitingBusinesses()) {
            options.append("<option value=\"").append(Html.escape(client.clientId())).append("\">")
                    .append(Html.escape(client.clientName().orElse(client.clientId()))).append("</option>\n");
        }
        pages.start(ctx.response(), START_BASE, options.toString(), CsrfTokens.derive(secret, FIND_CSRF, "start"))
                .onFailure(failure -> pages.failure(ctx.response(), failure, START_BASE, "consent start page"));
    }

    public void find(RoutingContext ctx) {
        HtmlForm.read(ctx.request(), PageForms.Find::of)
                .compose(form -> {
                    Optional<String> secret = cookie.read(ctx.request());
                    if (secret.isEmpty() || !CsrfTokens.matches(CsrfTokens.derive(secret.get(), FIND_CSRF, "start"), form.csrf())) {
                        return Future.failedFuture(ConsentProblem.CSRF_MISMATCH.toException());
                    }
                    return flow.findInvitation(form.clientId(), form.customerNumber()).compose(flow::review)
                            .compose(review -> {
                                String id = review.invitation().id();
                                return pages.review(ctx.response(), START_BASE, review.invitation(), review.businessName(),
                                        clock.instant(), START_BASE + "consent/i/" + links.token(id),
                                        CsrfTokens.derive(secret.get(), SIGN_CSRF, id));
                            });
                })
                .onFailure(failure -> pages.failure(ctx.response(), failure, START_BASE, "consent start"));
    }

    public void signingPage(RoutingContext ctx) {
        signing.status(ctx.pathParam("txn"), cookie.read(ctx.request()))
                .compose(txn -> pages.signing(ctx.response(), SIGN_BASE, txn, signing.signerUrl(txn.id())))
                .onFailure(failure -> pages.failure(ctx.response(), failure, SIGN_BASE, "consent signing page"));
    }

    public void finish(RoutingContext ctx) {
        flow.finish(ctx.pathParam("txn"), cookie.read(ctx.request()))
                .compose(done -> pages.done(ctx.response(), SIGN_BASE,
                        done.already() ? ConsentPages.Outcome.ALREADY_SIGNED : ConsentPages.Outcome.SIGNED, done.consent(),
                        done.businessName(), clock.instant()))
                .onFailure(failure -> pages.failure(ctx.response(), failure, SIGN_BASE, "consent continue"));
    }

    private Future<String> invitationId(RoutingContext ctx) {
        return links.idOf(ctx.pathParam("token")).map(Future::succeededFuture)
                .orElseGet(() -> Future.failedFuture(ConsentProblem.UNKNOWN_INVITATION.toException()));
    }
}
