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
 *   <li>{@link #redeem} is atomic single use across replicas (RFC 6749 §4.1.2: "The client MUST NOT
 *       use the authorization code more than once"): the first call gets {@link Redemption.Redeemed}
 *       with the grant, which the store forgets at once (it may hold the 4 information), keeping
 *       only a used-marker for the rest of the code's lifetime. Until then every further call gets
 *       {@link Redemption.Replayed}, so that {@code /token} can revoke the tokens derived from the
 *       code (RFC 6749 §4.1.2 SHOULD). Unknown or expired codes get {@link Redemption.Unknown}.</li>
 *   <li>A store failure fails the future.</li>
 * </ul>
 */
public interface AuthorizationCodeStore {
    Future<Void> put(String code, CodeGrant grant, Duration ttl);

    Future<Redemption> redeem(String code);

    /** The grant of a first redemption, empty otherwise: {@link #redeem} for callers that do not act on a replay. */
    default Future<Optional<CodeGrant>> consume(String code) {
        return redeem(code).map(r -> r instanceof Redemption.Redeemed redeemed
                ? Optional.of(redeemed.grant()) : Optional.<CodeGrant>empty());
    }

    /** The outcome of {@link #redeem}. */
    sealed interface Redemption {
        record Redeemed(CodeGrant grant) implements Redemption {
        }

        record Replayed() implements Redemption {
        }

        record Unknown() implements Redemption {
        }
    }
}
