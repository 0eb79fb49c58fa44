package jp.jpkigate.idp.session;

import io.vertx.core.Future;

/**
 * What happens when a session ends (the person logs out, or another person's card signs in the same
 * browser): the logout slice revokes the tokens of its grants and tells the clients by back-channel.
 * Called once per session, by whoever removed it from the store.
 */
@FunctionalInterface
public interface SessionEndListener {
    /** Completes when the session's consequences that must precede the answer are done (not the notifications). */
    Future<Void> ended(SsoSession session);
}
