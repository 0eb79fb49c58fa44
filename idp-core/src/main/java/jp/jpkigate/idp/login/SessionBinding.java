package jp.jpkigate.idp.login;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/**
 * How logins meet the person's single sign-on session, owned by the login (the session slice
 * implements it). A login that belongs to a session ({@link LoginTransaction#session()}) joins its
 * client to the session when the code is issued: the code, and so the ID token, carries the
 * client's {@code sid} (OpenID Connect Back-Channel Logout 1.0 §2.4).
 */
@FunctionalInterface
public interface SessionBinding {
    /** No single sign-on: every login needs the card and belongs to no session. */
    SessionBinding NONE = (handle, clientId, grantId, scopes) -> Future.succeededFuture(Optional.empty());

    /**
     * Records that the session {@code handle} logged in to {@code clientId} with the grant
     * {@code grantId} (whose tokens end with the session unless {@code scopes} hold
     * {@code offline_access}) and returns the client's {@code sid} in the session; empty when the
     * session has ended meanwhile, and then the login must not go on.
     */
    Future<Optional<String>> join(String handle, String clientId, String grantId, List<String> scopes);

    /** Opens (or renews) the browser's session once the card has signed a login. */
    @FunctionalInterface
    interface Opener {
        /** No session is opened. */
        Opener NONE = signer -> Future.succeededFuture(Optional.empty());

        /** The handle of the browser's session for {@code signer} (never carrying the 4 information), or empty. */
        Future<Optional<String>> open(SignerIdentity signer);
    }
}
