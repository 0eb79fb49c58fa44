package jp.jpkigate.idp.dpop;

import java.util.Objects;
import jp.jpkigate.idp.oauth.OAuthError;
import jp.jpkigate.idp.oauth.OAuthException;

/**
 * A DPoP proof that cannot be accepted (RFC 9449 §5, §7.1, §8): the one failure type of the
 * {@code dpop} package. The authorization server answers it as a 400 OAuth error
 * ({@link #toOAuthException()}); the resource ({@code /userinfo}) as a 401 {@code DPoP} challenge.
 * No stack trace; the description reaches the client and never quotes the proof.
 */
public final class DpopException extends Exception {
    private static final long serialVersionUID = 1L;

    /** RFC 9449 error codes. */
    public enum Code {
        /** §5 / §7.1: the proof is missing, malformed or does not match the request. */
        INVALID_DPOP_PROOF("invalid_dpop_proof"),
        /** §8 / §9: the proof lacks the server's current nonce; retry with the {@code DPoP-Nonce} sent. */
        USE_DPOP_NONCE("use_dpop_nonce");

        private final String value;

        Code(String value) {
            this.value = value;
        }

        public String value() {
            return value;
        }
    }

    private final Code code;
    private final String description;

    public DpopException(Code code, String description) {
        super(code.value() + ": " + description, null, false, false);
        this.code = Objects.requireNonNull(code, "code");
        this.description = Objects.requireNonNull(description, "description");
    }

    static DpopException invalid(String description) {
        return new DpopException(Code.INVALID_DPOP_PROOF, description);
    }

    public Code code() {
        return code;
    }

    public String description() {
        return description;
    }

    /** The authorization server's form (RFC 9449 §5, §8): 400 with this error code. */
    public OAuthException toOAuthException() {
        OAuthError error = code == Code.USE_DPOP_NONCE ? OAuthError.USE_DPOP_NONCE : OAuthError.INVALID_DPOP_PROOF;
        return error.withDescription(description).toException();
    }
}
