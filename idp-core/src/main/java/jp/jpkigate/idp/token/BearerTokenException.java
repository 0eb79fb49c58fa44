package jp.jpkigate.idp.token;

import java.util.Objects;

/**
 * An RFC 6750 §3.1 error of a protected resource ({@code /userinfo}): {@code invalid_request}
 * (400), {@code invalid_token} (401) or {@code insufficient_scope} (403), answered with
 * {@code WWW-Authenticate: Bearer}. No stack trace; the description reaches the client.
 */
public final class BearerTokenException extends Exception {
    private static final long serialVersionUID = 1L;

    /** RFC 6750 §3.1 codes with their status. */
    public enum Code {
        /** No credentials at all: RFC 6750 §3.1 says the challenge carries no error code. */
        MISSING(null, 401),
        INVALID_REQUEST("invalid_request", 400),
        INVALID_TOKEN("invalid_token", 401),
        INSUFFICIENT_SCOPE("insufficient_scope", 403);

        private final String value;
        private final int status;

        Code(String value, int status) {
            this.value = value;
            this.status = status;
        }

        public String value() {
            return value;
        }

        public int status() {
            return status;
        }
    }

    private final Code code;
    private final String description;

    public BearerTokenException(Code code, String description) {
        super(code + ": " + description, null, false, false);
        this.code = Objects.requireNonNull(code, "code");
        this.description = description;
    }

    public Code code() {
        return code;
    }

    /** The {@code WWW-Authenticate} value; the description is ASCII without quotes. */
    public String wwwAuthenticate(String realm) {
        if (code.value() == null) {
            return "Bearer realm=\"" + realm + "\"";
        }
        return "Bearer realm=\"" + realm + "\", error=\"" + code.value() + "\", error_description=\""
                + description.replaceAll("[^\\x20-\\x7e]|[\"\\\\]", "?") + "\"";
    }

    public String description() {
        return description;
    }
}
