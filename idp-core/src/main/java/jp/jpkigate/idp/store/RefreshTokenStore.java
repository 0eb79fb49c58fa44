package jp.jpkigate.idp.store;

import io.vertx.core.Future;
import java.time.Duration;
import jp.jpkigate.idp.token.TokenGrant;

/**
 * Rotating refresh tokens (OAuth 2.0 Security BCP, RFC 9700 §4.14.2), grouped in families: the
 * tokens descending from one code redemption. Tokens are stored by hash only.
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #issue} starts a family with its first token and the grant, for an absolute
 *       {@code lifetime}; rotation never extends it.</li>
 *   <li>{@link #rotate} is atomic across replicas. The family's current token, presented by the
 *       family's client, is replaced by {@code next} and remembered as used → {@link Rotation.Rotated}
 *       with the grant. A token of the family that was already rotated away (a replay: the old token
 *       leaked or the client misbehaves) deletes the whole family → {@link Rotation.Reused}. Another
 *       client's request changes nothing → {@link Rotation.WrongClient}. Anything else (unknown,
 *       expired, revoked) → {@link Rotation.Unknown}.</li>
 *   <li>A store failure fails the future.</li>
 * </ul>
 */
public interface RefreshTokenStore {
    Future<Void> issue(String familyId, String token, TokenGrant grant, Duration lifetime);

    Future<Rotation> rotate(String familyId, String clientId, String presented, String next);

    Future<Void> revoke(String familyId);

    /** The outcome of {@link #rotate}. */
    sealed interface Rotation {
        record Rotated(TokenGrant grant) implements Rotation {
        }

        record Reused() implements Rotation {
        }

        record WrongClient() implements Rotation {
        }

        record Unknown() implements Rotation {
        }
    }
}
