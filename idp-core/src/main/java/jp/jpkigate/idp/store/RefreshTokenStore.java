package jp.jpkigate.idp.store;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
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
 *       with the grant; but when the grant lacks one of {@code requestedScopes} (RFC 6749 §6: a
 *       refresh may only narrow the scope) nothing changes, the presented token stays current →
 *       {@link Rotation.ScopeExceeded}. A token of the family that was already rotated away (a
 *       replay: the old token leaked or the client misbehaves) deletes the whole family →
 *       {@link Rotation.Reused}. Another client's request changes nothing →
 *       {@link Rotation.WrongClient}. Anything else (unknown, expired, revoked) →
 *       {@link Rotation.Unknown}.</li>
 *   <li>{@link #revoke} deletes a family (no-op when there is none).</li>
 *   <li>A store failure fails the future.</li>
 * </ul>
 */
public interface RefreshTokenStore {
    Future<Void> issue(String familyId, String token, TokenGrant grant, Duration lifetime);

    /**
     * {@link #issue}, in one atomic step with the check that the grant {@code familyId} names is not
     * revoked ({@link GrantRevocations}): false, and nothing stored, when it is. A revocation racing it
     * either comes first (nothing issued) or finds the family to delete.
     */
    Future<Boolean> issueUnlessRevoked(String familyId, String token, TokenGrant grant, Duration lifetime);

    /** @param requestedScopes the scopes the refresh asks for; empty to keep the grant's */
    Future<Rotation> rotate(String familyId, String clientId, String presented, String next, List<String> requestedScopes);

    Future<Void> revoke(String familyId);

    /** The outcome of {@link #rotate}. */
    sealed interface Rotation {
        record Rotated(TokenGrant grant) implements Rotation {
        }

        record Reused() implements Rotation {
        }

        record WrongClient() implements Rotation {
        }

        record ScopeExceeded() implements Rotation {
        }

        record Unknown() implements Rotation {
        }
    }
}
