package jp.jpkigate.idp.store;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.Optional;
import jp.jpkigate.idp.par.AuthorizationRequest;

/**
 * Pushed authorization requests (RFC 9126) by their {@code request_uri}, owned by the PAR endpoint
 * (writer) and {@code /authorize} (reader).
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #put} stores the request for {@code ttl}; it never overwrites an existing entry (a
 *       collision of 256-bit random URIs fails the future).</li>
 *   <li>{@link #consume} is atomic single use across every replica sharing the store: of any
 *       number of calls for one {@code request_uri}, at most one gets the request; the others, and
 *       every call after expiry, get {@code Optional.empty()} (RFC 9126 §4: "the authorization
 *       server SHOULD treat a request_uri as one-time use").</li>
 *   <li>A store failure fails the future; callers answer {@code server_error}.</li>
 * </ul>
 */
public interface PushedRequestStore {
    Future<Void> put(String requestUri, AuthorizationRequest request, Duration ttl);

    Future<Optional<AuthorizationRequest>> consume(String requestUri);
}
