package jp.jpkigate.idp.store;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.Optional;
import jp.jpkigate.idp.session.SsoSession;

/**
 * Single sign-on sessions, owned by the session slice, by handle: the SHA-256 of the random id in
 * the browser's session cookie (the id itself, a bearer secret, is never stored). Implementations
 * must hold the session and its clients under one key, so every change below is atomic on every
 * replica, and keep an index from each client's {@code sid} to the handle.
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #create} stores a new session (no clients) for {@code ttl}, never overwriting one (a
 *       collision of 256-bit random ids fails the future).</li>
 *   <li>{@link #find} returns the session with its clients, or empty. The TTL is housekeeping:
 *       callers judge expiry from the session's own times and the injected clock.</li>
 *   <li>{@link #update} replaces the session's facts (person, signer, times; not its clients) and
 *       sets the TTL, only while the session is stored; false when it is gone — an ended session is
 *       never brought back.</li>
 *   <li>{@link #join} adds the client with {@code newSid} unless it is there (then keeps its sid),
 *       appends {@code grantId} when given (at most {@link #MAX_GRANTS} kept per client, the oldest
 *       dropped), indexes the sid for {@code ttl}, and returns the client's sid; empty when the
 *       session is gone.</li>
 *   <li>{@link #remove} takes the session with its clients and deletes it and its sid index, at
 *       once: of concurrent calls exactly one gets it, the others get empty.</li>
 *   <li>{@link #handleOfSid} returns the handle a sid was indexed to (the session may be gone).</li>
 *   <li>A store failure fails the future.</li>
 * </ul>
 */
public interface SsoSessionStore {
    /** Grants remembered per client and session (a session lasts hours; a client rarely logs in that often). */
    int MAX_GRANTS = 64;

    Future<Void> create(String handle, SsoSession session, Duration ttl);

    Future<Optional<SsoSession>> find(String handle);

    Future<Boolean> update(String handle, SsoSession session, Duration ttl);

    Future<Optional<String>> join(String handle, String clientId, String newSid, Optional<String> grantId, Duration ttl);

    Future<Optional<SsoSession>> remove(String handle);

    Future<Optional<String>> handleOfSid(String sid);
}
