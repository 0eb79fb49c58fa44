package jp.jpkigate.idp.session;

import io.vertx.core.Future;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import jp.jpkigate.idp.authorize.AuthorizationFailure;
import jp.jpkigate.idp.authorize.ResolvedAuthorization;
import jp.jpkigate.idp.login.LoginContinuation;
import jp.jpkigate.idp.login.LoginHandler;
import jp.jpkigate.idp.login.SessionBinding;
import jp.jpkigate.idp.oauth.OAuthError;
import jp.jpkigate.idp.par.AuthorizationRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The login with single sign-on, between {@code /authorize} and the code. No HTTP types.
 * <ul>
 *   <li>{@link #start}: a live session that can answer the request ({@link SessionReuse}) opens a
 *       login already VERIFIED by it and continues at once (consent, or the code); else the card's
 *       login page; {@code prompt=none} without such a session is {@code login_required}.</li>
 *   <li>{@link #resume}: the page's continue after the card signed opens (or renews) the browser's
 *       session before the consent step, so the code joins the client to it.</li>
 * </ul>
 * {@link #withoutSessions} keeps the card for every login (and {@code prompt=none} is always
 * {@code login_required}).
 */
public final class SessionLogin {
    private static final Logger LOG = LoggerFactory.getLogger(SessionLogin.class);

    private final LoginHandler login;
    private final Optional<SsoSessions> sessions;
    private final Clock clock;

    public SessionLogin(LoginHandler login, SsoSessions sessions, Clock clock) {
        this(login, Optional.of(sessions), clock);
    }

    private SessionLogin(LoginHandler login, Optional<SsoSessions> sessions, Clock clock) {
        this.login = Objects.requireNonNull(login, "login");
        this.sessions = sessions;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Every login needs the card. */
    public static SessionLogin withoutSessions(LoginHandler login, Clock clock) {
        return new SessionLogin(login, Optional.empty(), clock);
    }

    /** How {@code /authorize} answers. */
    public sealed interface Start {
        /** The login page: the card signs ({@link LoginHandler.Opened} holds the browser's login cookie secret). */
        record Card(LoginHandler.Opened opened) implements Start {
        }

        /** The session answered: the login cookie of {@code opened}, then on to {@code next}. */
        record Answered(LoginHandler.Opened opened, LoginContinuation next) implements Start {
        }
    }

    /** Where the continue leads, and the session id for the browser's cookie when a session was opened or renewed. */
    public record Resumed(LoginContinuation next, Optional<String> sessionId) {
        @Override
        public String toString() {
            return "Resumed[" + next + "]";
        }
    }

    public LoginHandler login() {
        return login;
    }

    /** Fails only with an {@link AuthorizationFailure} ({@code login_required}) or a store failure. */
    public Future<Start> start(ResolvedAuthorization resolved, Optional<String> sessionId) {
        AuthorizationRequest request = resolved.request();
        Future<Optional<SsoSessions.Live>> found = sessions.isEmpty()
                ? Future.succeededFuture(Optional.empty()) : sessions.get().find(sessionId);
        return found.compose(live -> {
            SessionReuse.Decision decision = SessionReuse.decide(request, live.map(SsoSessions.Live::session),
                    clock.instant());
            return switch (decision) {
                case CARD -> login.open(resolved).map(Start.Card::new);
                case LOGIN_REQUIRED -> Future.failedFuture(AuthorizationFailure.redirect(OAuthError.LOGIN_REQUIRED
                        .withDescription("the login needs the My Number card"), request.redirectUri(), request.state()));
                case REUSE -> answer(resolved, live.orElseThrow());
            };
        });
    }

    private Future<Start> answer(ResolvedAuthorization resolved, SsoSessions.Live live) {
        LOG.info("single sign-on session answers a login for client {}", resolved.client().clientId());
        return sessions.orElseThrow().touch(live)
                .compose(v -> login.openFromSession(resolved, live.session().signer(), live.handle()))
                .compose(opened -> login.complete(opened.transaction().id(), Optional.of(opened.browserSecret()))
                        .map(next -> new Start.Answered(opened, next)));
    }

    /**
     * The page's continue ({@link LoginHandler#complete}), opening the browser's session (whose
     * cookie holds {@code sessionId}, if any) when a card login goes on.
     */
    public Future<Resumed> resume(String transactionId, Optional<String> loginSecret, Optional<String> sessionId) {
        if (sessions.isEmpty()) {
            return login.complete(transactionId, loginSecret).map(next -> new Resumed(next, Optional.empty()));
        }
        AtomicReference<String> opened = new AtomicReference<>();
        SessionBinding.Opener opener = signer -> sessions.get().open(sessionId, signer).map(session -> {
            opened.set(session.sessionId());
            return Optional.of(session.handle());
        });
        return login.complete(transactionId, loginSecret, opener)
                .map(next -> new Resumed(next, Optional.ofNullable(opened.get())));
    }
}
