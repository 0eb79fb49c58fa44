package jp.jpkigate.consent.api;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import jp.jpkigate.consent.invitation.InvitationLinks;
import jp.jpkigate.consent.invite.InvitationRequestParser;
import jp.jpkigate.consent.invite.Inviter;
import jp.jpkigate.idp.client.ApiScopes;
import jp.jpkigate.idp.oauth.OAuthError;
import jp.jpkigate.idp.web.FormBody;

/**
 * {@code POST /consent/v1/invitations} ({@code consent:write}): a JSON batch of customer lines
 * ({@link InvitationRequestParser}) → 201
 * <pre>
 * {"invitations": [{"customer_number", "invitation_id", "url", "qr_svg", "qr_png", "expires_at",
 *                   "status": "created" | "existing"}, ...]}
 * </pre>
 * in the request's order, once every new invitation is durably stored ({@link Inviter}). The token is
 * checked before the body is read (the request is paused meanwhile); the body is limited to
 * {@code maxBodyBytes} (413 beyond), must be {@code application/json} (415 otherwise).
 */
public final class CreateInvitationsEndpoint implements Handler<RoutingContext> {
    private static final Set<String> SCOPES = Set.of(ApiScopes.CONSENT_WRITE);

    private final BusinessAuthentication authentication;
    private final InvitationRequestParser parser;
    private final Inviter inviter;
    private final InvitationLinks links;
    private final String apiBase;
    private final int maxBodyBytes;

    /** @param apiBase the public URL of {@code /consent/v1}, for the QR code URLs */
    public CreateInvitationsEndpoint(BusinessAuthentication authentication, InvitationRequestParser parser, Inviter inviter,
                                     InvitationLinks links, String apiBase, int maxBodyBytes) {
        this.authentication = Objects.requireNonNull(authentication, "authentication");
        this.parser = Objects.requireNonNull(parser, "parser");
        this.inviter = Objects.requireNonNull(inviter, "inviter");
        this.links = Objects.requireNonNull(links, "links");
        this.apiBase = Objects.requireNonNull(apiBase, "apiBase");
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void handle(RoutingContext ctx) {
        ctx.request().pause();
        // Parsing up to 10,000 lines and writing their answer (a link's HMAC each) run on a worker: tens of
        // milliseconds that would otherwise hold the event loop.
        authentication.business(ctx, SCOPES)
                .compose(business -> body(ctx.request())
                        .compose(text -> ctx.vertx().executeBlocking(() -> parser.parse(text), false))
                        .compose(request -> inviter.invite(business, request)))
                .compose(issued -> ctx.vertx().executeBlocking(
                        () -> JSONObjectUtils.toJSONString(Map.of("invitations", lines(issued))), false))
                .onSuccess(answer -> ApiAnswers.encodedJson(ctx, 201, answer))
                .onFailure(failure -> {
                    if (!ctx.request().isEnded()) {
                        // Refused before the body was read (token, type, size): it is not read at all, the
                        // connection closes after the answer.
                        ctx.response().putHeader("Connection", "close")
                                .endHandler(v -> ctx.request().connection().close());
                    }
                    ApiAnswers.fail(ctx, failure);
                });
    }

    private Future<String> body(HttpServerRequest request) {
        String type = request.getHeader("Content-Type");
        if (type == null || !type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT).equals("application/json")) {
            return Future.failedFuture(OAuthError.INVALID_REQUEST.withStatus(415)
                    .withDescription("Content-Type must be application/json").toException());
        }
        return FormBody.body(request, maxBodyBytes).map(buffer -> buffer.toString(StandardCharsets.UTF_8));
    }

    private List<Object> lines(List<Inviter.Issued> issued) {
        List<Object> out = new ArrayList<>(issued.size());
        for (Inviter.Issued line : issued) {
            String id = line.invitation().id();
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("customer_number", line.invitation().customerNumber());
            json.put("invitation_id", id);
            json.put("url", links.url(id));
            json.put("qr_svg", apiBase + "/invitations/" + id + "/qr.svg");
            json.put("qr_png", apiBase + "/invitations/" + id + "/qr.png");
            json.put("expires_at", line.invitation().expiresAt().toString());
            json.put("status", line.existing() ? "existing" : "created");
            out.add(json);
        }
        return out;
    }
}
