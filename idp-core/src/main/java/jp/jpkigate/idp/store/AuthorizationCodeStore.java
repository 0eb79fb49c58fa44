package jp.jpkigate.idp.store;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.Optional;
import jp.jpkigate.idp.authorize.CodeGrant;

/**
 * Authorization codes (RFC 6749 §4.1.2), written by the login flow and redeemed by {@code /token}.
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #put} stores the grant under the code for {@code ttl} (60 s) and never overwrites.</li>
 *   <li>{@link #consume} is atomic single use across replicas: at most one call gets the grant
 *       (RFC 6749 §4.1.2: "The client MUST NOT use the authorization code more than once"); the
 *       others, and every call after expiry, get empty. Detecting a replay to revoke the tokens
 *       derived from the code (RFC 6749 §4.1.2 SHOULD) is left to {@code /token}'s slice, which may
 *       extend this interface.</li>
 *   <li>A store failure fails the future.</li>
 * </ul>
 */
public interface AuthorizationCodeStore {
    Future<Void> put(String code, CodeGrant grant, Duration ttl);

    Future<Optional<CodeGrant>> consume(String code);
}
