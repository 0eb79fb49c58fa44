package jp.jpkigate.idp.oauth;

import java.util.Objects;

/**
 * An {@link OAuthError} as an exception: thrown by parsers, or the failure of a {@code Future}. It
 * carries no stack trace (it is an expected outcome, not a bug) and its message is the error's
 * client-facing text only.
 */
public final class OAuthException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient OAuthError error;

    public OAuthException(OAuthError error) {
        super(Objects.requireNonNull(error, "error").toString(), null, false, false);
        this.error = error;
    }

    public OAuthError error() {
        return error;
    }
}
