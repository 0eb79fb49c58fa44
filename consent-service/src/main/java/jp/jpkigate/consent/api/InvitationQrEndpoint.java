package jp.jpkigate.consent.api;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.Objects;
import java.util.Set;
import jp.jpkigate.consent.invitation.Invitation;
import jp.jpkigate.consent.invitation.InvitationLinks;
import jp.jpkigate.consent.store.InvitationStore;
import jp.jpkigate.idp.client.ApiScopes;
import jp.jpkigate.idp.endpoint.QrSvg;

/**
 * {@code GET /consent/v1/invitations/{id}/qr.svg} and {@code .../qr.png} ({@code consent:write} or
 * {@code consent:read}): the QR code of the invitation's link, for the business to print. The link is a
 * bearer capability, so the answer is {@code Cache-Control: no-store}; an unknown id and another
 * business's look the same (404). The SVG has no scripts and is served with a CSP that allows none.
 */
public final class InvitationQrEndpoint implements Handler<RoutingContext> {
    /** The two renderings. */
    public enum Format { SVG, PNG }

    private static final Set<String> SCOPES = Set.of(ApiScopes.CONSENT_WRITE, ApiScopes.CONSENT_READ);

    private final BusinessAuthentication authentication;
    private final InvitationStore invitations;
    private final InvitationLinks links;
    private final Format format;

    public InvitationQrEndpoint(BusinessAuthentication authentication, InvitationStore invitations, InvitationLinks links,
                                Format format) {
        this.authentication = Objects.requireNonNull(authentication, "authentication");
        this.invitations = Objects.requireNonNull(invitations, "invitations");
        this.links = Objects.requireNonNull(links, "links");
        this.format = Objects.requireNonNull(format, "format");
    }

    @Override
    public void handle(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        authentication.business(ctx, SCOPES)
                .compose(business -> InvitationLinks.isId(id)
                        ? invitations.find(id).compose(found -> found.filter(i -> i.clientId().equals(business))
                                .map(Future::succeededFuture).orElseGet(() -> Future.failedFuture(ApiAnswers.notFound("invitation"))))
                        : Future.<Invitation>failedFuture(ApiAnswers.notFound("invitation")))
                .onSuccess(invitation -> write(ctx, links.url(invitation.id())))
                .onFailure(failure -> ApiAnswers.fail(ctx, failure));
    }

    private void write(RoutingContext ctx, String url) {
        ctx.response().putHeader("Cache-Control", "no-store").putHeader("X-Content-Type-Options", "nosniff");
        if (format == Format.SVG) {
            ctx.response().putHeader("Content-Type", "image/svg+xml")
                    .putHeader("Content-Security-Policy", "default-src 'none'")
                    .end(QrSvg.render(url, "consent invitation"));
        } else {
            ctx.response().putHeader("Content-Type", "image/png").end(Buffer.buffer(QrPng.render(url)));
        }
    }
}
