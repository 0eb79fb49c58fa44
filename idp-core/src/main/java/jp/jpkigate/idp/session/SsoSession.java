package jp.jpkigate.idp.session;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.idp.login.SignerIdentity;

/**
 * A person's single sign-on session at the OP, opened by a card signature in one browser. It keeps
 * what tokens are minted from without the card — who signed, with which certificate type (so
 * {@code acr}, {@code amr}) and when ({@code auth_time}) — and never the 4 information: a request
 * for them always needs a new signature with the signature certificate.
 *
 * @param personKey    the renewal-stable key of the person (logout tokens' pairwise {@code sub})
 * @param signer       the certificate that signed, without the 4 information
 * @param lastActiveAt when the session last answered a login (or the card signed): the idle timeout runs from here
 * @param expiresAt    the card signature's time plus the maximum lifetime: no login is answered from then on
 * @param clients      the clients it logged in to, by client id
 */
public record SsoSession(String personKey, SignerIdentity signer, Instant lastActiveAt, Instant expiresAt,
                         Map<String, SessionClient> clients) {
    public SsoSession {
        Objects.requireNonNull(personKey, "personKey");
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(lastActiveAt, "lastActiveAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        clients = Map.copyOf(clients);
        if (signer.fourInformation().isPresent()) {
            throw new IllegalArgumentException("a single sign-on session never keeps the 4 information");
        }
    }

    /** A new session for the person whose card signed just now. */
    static SsoSession open(String personKey, SignerIdentity signer, Instant now, SessionOptions options) {
        return new SsoSession(personKey, signer.withoutFourInformation(), now, signer.authTime().plus(options.maxLifetime()),
                Map.of());
    }

    /** Whether it may still answer a login: used within the idle timeout, and before its absolute end. */
    public boolean isLive(Instant now, Duration idleTimeout) {
        return now.isBefore(expiresAt) && now.isBefore(lastActiveAt.plus(idleTimeout));
    }

    /** The session as just used (the idle timeout starts again). */
    SsoSession touched(Instant now) {
        return new SsoSession(personKey, signer, now, expiresAt, clients);
    }

    /** The same person's card signed again: new signature facts, a new absolute end, the same clients. */
    SsoSession resigned(SignerIdentity again, Instant now, SessionOptions options) {
        return new SsoSession(personKey, again.withoutFourInformation(), now, again.authTime().plus(options.maxLifetime()),
                clients);
    }

    /** How long the store should keep it from {@code now}: until the idle timeout or the absolute end, whichever is first. */
    Duration keepFor(Instant now, Duration idleTimeout) {
        Duration toEnd = Duration.between(now, expiresAt);
        return toEnd.compareTo(idleTimeout) < 0 ? toEnd : idleTimeout;
    }

    public Optional<SessionClient> client(String clientId) {
        return Optional.ofNullable(clients.get(clientId));
    }

    /** Whether {@code sid} is the session id of one of its clients. */
    public boolean hasSid(String sid) {
        return clients.values().stream().anyMatch(c -> c.sid().equals(sid));
    }

    @Override
    public String toString() {
        // No person key: it is a personal identifier.
        return "SsoSession[" + signer.type() + ", until " + expiresAt + ", " + clients.size() + " client(s)]";
    }
}
