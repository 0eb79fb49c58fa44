package jp.jpkigate.idp.authorize;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.idp.oauth.OAuthError;

/**
 * A refused authorization request. With a {@code redirectUri} (client and redirect URI already
 * validated) it is answered by redirecting the error to the client (RFC 6749 §4.1.2.1); without
 * one, by an error page — never a redirect to an unvalidated URI.
 */
public final class AuthorizationFailure extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient OAuthError error;
    private final transient URI redirectUri;
    private final transient String state;

    private AuthorizationFailure(OAuthError error, URI redirectUri, String state) {
        super(Objects.requireNonNull(error, "error").toString(), null, false, false);
        this.error = error;
        this.redirectUri = redirectUri;
        this.state = state;
    }

    /** Shown on an error page. */
    public static AuthorizationFailure page(OAuthError error) {
        return new AuthorizationFailure(error, null, null);
    }

    /** Redirected to the validated {@code redirectUri}, with the request's {@code state}. */
    public static AuthorizationFailure redirect(OAuthError error, URI redirectUri, Optional<String> state) {
        return new AuthorizationFailure(error, Objects.requireNonNull(redirectUri, "redirectUri"), state.orElse(null));
    }

    public OAuthError error() {
        return error;
    }

    public Optional<URI> redirectUri() {
        return Optional.ofNullable(redirectUri);
    }

    public Optional<String> state() {
        return Optional.ofNullable(state);
    }
}
