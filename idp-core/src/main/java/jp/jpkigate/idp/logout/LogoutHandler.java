package jp.jpkigate.idp.logout;

import io.vertx.core.Future;
import java.net.URI;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.idp.authorize.AuthorizationRedirect;
import jp.jpkigate.idp.client.ClientRegistry;
import jp.jpkigate.idp.client.RegisteredClient;
import jp.jpkigate.idp.login.CsrfTokens;
import jp.jpkigate.idp.login.LoginException;
import jp.jpkigate.idp.login.LoginProblem;
import jp.jpkigate.idp.login.LoginTransactionId;
import jp.jpkigate.idp.session.SsoSessions;

/**
 * OpenID Connect RP-Initiated Logout 1.0 at the OP. No HTTP types.
 *
 * <p>{@link #request}: first what the request names is checked, and a refusal is an error page,
 * never a redirect — a {@code id_token_hint} must be the OP's own ({@link IdTokenHintVerifier};
 * expired is fine), a {@code client_id} beside it must be its audience, a
 * {@code post_logout_redirect_uri} must be registered for that client exactly (and needs the hint
 * or a {@code client_id} to name the client). Then:
 * <ul>
 *   <li>the hint's {@code sid} is that of its client in the browser's live session: the session
 *       ends at once (the client proved it is the one logged in here);</li>
 *   <li>the browser has a live session otherwise, or a cross-site POST hid its cookie: the person
 *       confirms on a page whose form ({@code POST /logout/confirm}) carries an anti-CSRF token bound
 *       to a new logout cookie — no one is logged out by another site's request without proof;</li>
 *   <li>no session here: nothing to end.</li>
 * </ul>
 * Then the browser goes to the post-logout redirect URI with {@code state}, or sees the "logged
 * out" page. Ending the session revokes its grants and tells its clients by back-channel
 * ({@link SessionLogout}).
 */
public final class LogoutHandler {
    /** The anti-CSRF purpose of the confirmation form. */
    static final String CSRF_PURPOSE = "jpkigate-logout-v1";

    private final IdTokenHintVerifier hints;
    private final ClientRegistry clients;
    private final SsoSessions sessions;
    private final SecureRandom random;

    public LogoutHandler(IdTokenHintVerifier hints, ClientRegistry clients, SsoSessions sessions, SecureRandom random) {
        this.hints = Objects.requireNonNull(hints, "hints");
        this.clients = Objects.requireNonNull(clients, "clients");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** The request as checked: the client it names (if any), its hint (if any), where to go afterwards (if anywhere). */
    private record Checked(Optional<RegisteredClient> client, Optional<IdTokenHint> hint, Optional<URI> target,
                           LogoutRequest request) {
    }

    /**
     * A logout request from the RP, with the browser's session cookie ({@code sessionId}) when it
     * came; {@code cookiesWithheld} when the request could not carry it (a cross-site POST: the
     * cookie is SameSite=Lax). Fails with a {@link LoginException} for a refused request.
     */
    public Future<LogoutOutcome> request(LogoutRequest request, Optional<String> sessionId, boolean cookiesWithheld) {
        Checked checked;
        try {
            checked = check(request);
        } catch (LoginException e) {
            return Future.failedFuture(e);
        }
        return sessions.find(sessionId).compose(live -> {
            if (live.isPresent() && checked.hint().flatMap(IdTokenHint::sid).isPresent()
                    && live.get().session().client(checked.hint().get().clientId())
                            .filter(c -> c.sid().equals(checked.hint().get().sid().get())).isPresent()) {
                return sessions.end(live.get().handle()).map(v -> done(checked));
            }
            if (live.isPresent() || cookiesWithheld) {
                return Future.succeededFuture(confirm(checked));
            }
            return Future.succeededFuture(done(checked));
        });
    }

    /**
     * The confirmation page's POST: a token matching the browser's logout cookie ({@code logoutSecret}),
     * then the browser's live session (if any) ends. Fails with a {@link LoginException}.
     */
    public Future<LogoutOutcome> confirm(LogoutForm form, Optional<String> logoutSecret, Optional<String> sessionId) {
        Checked checked;
        try {
            if (logoutSecret.isEmpty() || !CsrfTokens.matches(csrf(logoutSecret.get()), form.csrf())) {
                throw LoginProblem.CSRF_MISMATCH.toException();
            }
            checked = check(form.request());
        } catch (LoginException e) {
            return Future.failedFuture(e);
        }
        return sessions.find(sessionId).compose(live -> live.isPresent()
                ? sessions.end(live.get().handle()).map(v -> done(checked))
                : Future.succeededFuture(done(checked)));
    }

    private Checked check(LogoutRequest request) throws LoginException {
        Optional<IdTokenHint> hint = request.idTokenHint().isEmpty() ? Optional.empty()
                : Optional.of(hints.verify(request.idTokenHint().get()));
        if (hint.isPresent() && request.clientId().isPresent() && !request.clientId().get().equals(hint.get().clientId())) {
            throw LoginProblem.CLIENT_MISMATCH.toException();
        }
        Optional<String> clientId = hint.map(IdTokenHint::clientId).or(request::clientId);
        Optional<RegisteredClient> client = clientId.flatMap(clients::find);
        if (clientId.isPresent() && client.isEmpty()) {
            throw LoginProblem.UNKNOWN_CLIENT.toException();
        }
        Optional<URI> target = Optional.empty();
        if (request.postLogoutRedirectUri().isPresent()) {
            String uri = request.postLogoutRedirectUri().get();
            if (client.isEmpty() || !client.get().logout().isRegisteredPostLogoutRedirectUri(uri)) {
                throw LoginProblem.UNREGISTERED_REDIRECT.toException();
            }
            target = Optional.of(request.state().isEmpty() ? URI.create(uri)
                    : AuthorizationRedirect.append(URI.create(uri), Map.of("state", request.state().get())));
        }
        return new Checked(client, hint, target, request);
    }

    private LogoutOutcome done(Checked checked) {
        return checked.target().<LogoutOutcome>map(LogoutOutcome.ToClient::new)
                .orElseGet(() -> new LogoutOutcome.LoggedOut(checked.request().prefersEnglish()));
    }

    private LogoutOutcome confirm(Checked checked) {
        String secret = LoginTransactionId.generate(random);
        LogoutRequest request = checked.request();
        LogoutRequest carried = new LogoutRequest(Optional.empty(), checked.client().map(RegisteredClient::clientId),
                checked.target().isPresent() ? request.postLogoutRedirectUri() : Optional.empty(), request.state(),
                request.uiLocales());
        String clientName = checked.client().map(c -> c.clientName().orElse(c.clientId())).orElse("");
        return new LogoutOutcome.Confirm(secret, csrf(secret), clientName, carried);
    }

    private static String csrf(String logoutSecret) {
        return CsrfTokens.derive(logoutSecret, CSRF_PURPOSE, "logout");
    }
}
