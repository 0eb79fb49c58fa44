package jp.jpkigate.idp.endpoint;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.idp.login.LoginException;
import jp.jpkigate.idp.login.LoginProblem;
import jp.jpkigate.idp.logout.LogoutForm;
import jp.jpkigate.idp.logout.LogoutHandler;
import jp.jpkigate.idp.logout.LogoutOutcome;
import jp.jpkigate.idp.logout.LogoutRequest;
import jp.jpkigate.idp.oauth.FormParameters;
import jp.jpkigate.idp.web.FormBody;

/**
 * OpenID Connect RP-Initiated Logout 1.0, the OP's {@code end_session_endpoint}:
 * <pre>
 * GET  /logout           id_token_hint, client_id, post_logout_redirect_uri, state, ui_locales (query)
 * POST /logout           the same as a form (a cross-site POST carries no SameSite=Lax session cookie)
 *                        → 303 to the post-logout redirect URI with state, the "logged out" page, or the
 *                          confirmation page ({@link LogoutHandler})
 * POST /logout/confirm   the confirmation's form: csrf and the carried parameters → 303 / "logged out"
 * </pre>
 * Ending the session clears its cookie. A refused request is an HTML error page (400, 403), never a
 * redirect; nothing a client sends makes a 500.
 */
public final class LogoutEndpoint {
    /** A logout request's form: an ID token and a few short parameters. */
    static final int MAX_BYTES = 16 * 1024;

    private final LogoutHandler logout;
    private final LogoutPages pages;
    private final HostCookie sessionCookie;
    private final HostCookie logoutCookie;

    /** Reads the page templates from the classpath: build it with the routes, not on an event loop. */
    public LogoutEndpoint(LogoutHandler logout, LoginPages pages, String issuer) {
        this.logout = Objects.requireNonNull(logout, "logout");
        this.pages = new LogoutPages(pages);
        this.sessionCookie = HostCookie.session(issuer);
        this.logoutCookie = HostCookie.logout(issuer);
    }

    public void get(RoutingContext ctx) {
        String query = ctx.request().query();
        Future<LogoutRequest> request;
        try {
            request = Future.succeededFuture(LogoutRequest.parse(
                    query == null ? new byte[0] : query.getBytes(StandardCharsets.ISO_8859_1)));
        } catch (LoginException e) {
            request = Future.failedFuture(e);
        }
        answer(ctx, request.compose(r -> logout.request(r, sessionCookie.read(ctx.request()), false)), "");
    }

    public void post(RoutingContext ctx) {
        Optional<String> session = sessionCookie.read(ctx.request());
        answer(ctx, form(ctx, MAX_BYTES, LoginProblem.INVALID_LOGOUT_REQUEST, LogoutRequest::of)
                .compose(r -> logout.request(r, session, session.isEmpty())), "");
    }

    public void confirm(RoutingContext ctx) {
        answer(ctx, form(ctx, HtmlForm.MAX_BYTES * 2, LoginProblem.INVALID_FORM, LogoutForm::of)
                .compose(f -> logout.confirm(f, logoutCookie.read(ctx.request()), sessionCookie.read(ctx.request()))), "../");
    }

    private interface Reader<T> {
        T read(FormParameters form) throws LoginException;
    }

    private static <T> Future<T> form(RoutingContext ctx, int limit, LoginProblem malformed, Reader<T> reader) {
        return FormBody.read(ctx.request(), limit).transform(ar -> {
            try {
                if (ar.failed()) {
                    throw malformed.toException();
                }
                return Future.succeededFuture(reader.read(ar.result()));
            } catch (LoginException e) {
                return Future.failedFuture(e);
            }
        });
    }

    private void answer(RoutingContext ctx, Future<LogoutOutcome> outcome, String base) {
        outcome.compose(done -> {
            if (done instanceof LogoutOutcome.Confirm confirm) {
                ctx.response().addCookie(logoutCookie.create(confirm.logoutSecret(), HostCookie.LOGOUT_SECONDS));
                return pages.confirm(ctx.response(), confirm);
            }
            ctx.response().addCookie(sessionCookie.clear()).addCookie(logoutCookie.clear());
            return done instanceof LogoutOutcome.ToClient client
                    ? Html.seeOther(ctx.response(), client.location().toString())
                    : pages.loggedOut(ctx.response(), ((LogoutOutcome.LoggedOut) done).english(), base);
        }).onFailure(failure -> pages.failure(ctx.response(), failure, base));
    }
}
