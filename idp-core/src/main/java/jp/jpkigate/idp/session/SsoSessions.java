package jp.jpkigate.idp.session;

import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.idp.login.LoginTransactionId;
import jp.jpkigate.idp.login.SessionBinding;
import jp.jpkigate.idp.login.SignerIdentity;
import jp.jpkigate.idp.store.SsoSessionStore;
import jp.jpkigate.idp.subject.PersonKeyResolver;

/**
 * People's single sign-on sessions. No HTTP types: the endpoints hand in the session cookie's value
 * and set the id given back.
 * <ul>
 *   <li>{@link #open}: after a card signature — the same person's live session in this browser is
 *       renewed (new signature facts, a new absolute end, its clients kept), otherwise a new session
 *       with a random 256-bit id (only its hash, the handle, is stored); another person's session
 *       in this browser ends first, as a logout.</li>
 *   <li>{@link #find}: the live session of a cookie — within the idle timeout and before the absolute
 *       end ({@link SessionOptions}), both judged with the injected clock.</li>
 *   <li>{@link #touch}: a login it answered starts the idle timeout again.</li>
 *   <li>{@link #join}: a code issued in the session records the client with its own random
 *       {@code sid} and the grant (unless {@code offline_access}).</li>
 *   <li>{@link #end}: removes the session once; the {@link SessionEndListener} (the logout slice)
 *       revokes the grants and tells the clients.</li>
 * </ul>
 * An expired session is not a logout: nothing is revoked or sent, the store forgets it.
 */
public final class SsoSessions implements SessionBinding {
    private final SsoSessionStore store;
    private final PersonKeyResolver persons;
    private final SessionOptions options;
    private final SessionEndListener ended;
    private final Clock clock;
    private final SecureRandom random;

    public SsoSessions(SsoSessionStore store, PersonKeyResolver persons, SessionOptions options, SessionEndListener ended,
                       Clock clock, SecureRandom random) {
        this.store = Objects.requireNonNull(store, "store");
        this.persons = Objects.requireNonNull(persons, "persons");
        this.options = Objects.requireNonNull(options, "options");
        this.ended = Objects.requireNonNull(ended, "ended");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** A live session and its handle. */
    public record Live(String handle, SsoSession session) {
        @Override
        public String toString() {
            return "Live[" + session + "]";
        }
    }

    /** The browser's session after a card signature: the id for its cookie and the handle for its logins. */
    public record Opened(String sessionId, String handle) {
        @Override
        public String toString() {
            return "Opened[session]";
        }
    }

    public SessionOptions options() {
        return options;
    }

    /** The live session whose id the browser's cookie holds, or empty. */
    public Future<Optional<Live>> find(Optional<String> sessionId) {
        if (sessionId.isEmpty() || LoginTransactionId.parse(sessionId.get()).isEmpty()) {
            return Future.succeededFuture(Optional.empty());
        }
        return live(handle(sessionId.get()));
    }

    /** The live session one of whose clients has {@code sid}, or empty. */
    public Future<Optional<Live>> findBySid(String sid) {
        return store.handleOfSid(sid).compose(handle -> handle.isEmpty()
                ? Future.succeededFuture(Optional.<Live>empty())
                : live(handle.get()).map(found -> found.filter(l -> l.session().hasSid(sid))));
    }

    /** The session answered a login just now. */
    public Future<Void> touch(Live live) {
        Instant now = clock.instant();
        SsoSession touched = live.session().touched(now);
        return store.update(live.handle(), touched, touched.keepFor(now, options.idleTimeout())).mapEmpty();
    }

    /** After a card signature in the browser whose cookie holds {@code sessionId}: see the class comment. */
    public Future<Opened> open(Optional<String> sessionId, SignerIdentity signer) {
        return persons.personKey(signer.issuerAnchorId(), signer.serial()).compose(person -> find(sessionId).compose(current -> {
            Instant now = clock.instant();
            if (current.isPresent() && current.get().session().personKey().equals(person)) {
                SsoSession renewed = current.get().session().resigned(signer, now, options);
                return store.update(current.get().handle(), renewed, renewed.keepFor(now, options.idleTimeout()))
                        .compose(updated -> updated
                                ? Future.succeededFuture(new Opened(sessionId.orElseThrow(), current.get().handle()))
                                : create(person, signer, now));
            }
            Future<?> previous = current.isPresent() ? end(current.get().handle()) : Future.succeededFuture();
            return previous.compose(v -> create(person, signer, now));
        }));
    }

    private Future<Opened> create(String person, SignerIdentity signer, Instant now) {
        String id = LoginTransactionId.generate(random);
        String handle = handle(id);
        SsoSession session = SsoSession.open(person, signer, now, options);
        return store.create(handle, session, session.keepFor(now, options.idleTimeout())).map(v -> new Opened(id, handle));
    }

    @Override
    public Future<Optional<String>> join(String handle, String clientId, String grantId, List<String> scopes) {
        Optional<String> grant = scopes.contains("offline_access") ? Optional.empty() : Optional.of(grantId);
        return store.join(handle, clientId, LoginTransactionId.generate(random), grant, options.maxLifetime());
    }

    /** Ends the session (once, whoever asks first): the removed session, or empty when it was already gone. */
    public Future<Optional<SsoSession>> end(String handle) {
        return store.remove(handle).compose(removed -> removed.isEmpty()
                ? Future.succeededFuture(removed)
                : ended.ended(removed.get()).map(v -> removed));
    }

    /** The handle of a session id: base64url SHA-256, so the store never holds the cookie's secret. */
    static String handle(String sessionId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(sessionId.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Future<Optional<Live>> live(String handle) {
        Instant now = clock.instant();
        return store.find(handle).map(found -> found.filter(s -> s.isLive(now, options.idleTimeout()))
                .map(s -> new Live(handle, s)));
    }
}
