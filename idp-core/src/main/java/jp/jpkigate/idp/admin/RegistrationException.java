package jp.jpkigate.idp.admin;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A refused admin API request, answered as RFC 7591 §3.2.2 JSON ({@code error},
 * {@code error_description}) with its status. No stack trace; the description reaches the caller
 * and never holds secrets.
 */
public final class RegistrationException extends Exception {
    private static final long serialVersionUID = 1L;

    /** The errors of the admin API. */
    public enum Kind {
        /** RFC 7591 §3.2.2: a metadata value is invalid (or the body is not a JSON object). */
        INVALID_CLIENT_METADATA("invalid_client_metadata", 400),
        /** RFC 7591 §3.2.2: a redirection URI is invalid. */
        INVALID_REDIRECT_URI("invalid_redirect_uri", 400),
        /** A malformed query parameter. */
        INVALID_REQUEST("invalid_request", 400),
        /** No such registered client. */
        NOT_FOUND("not_found", 404),
        /** The client id is taken, the client comes from the configuration file (read-only), or it changed meanwhile. */
        CONFLICT("conflict", 409);

        private final String code;
        private final int status;

        Kind(String code, int status) {
            this.code = code;
            this.status = status;
        }
    }

    private final Kind kind;

    public RegistrationException(Kind kind, String description) {
        super(Objects.requireNonNull(description, "description"), null, false, false);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public String code() {
        return kind.code;
    }

    public int status() {
        return kind.status;
    }

    public Map<String, Object> toJsonObject() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("error", kind.code);
        json.put("error_description", getMessage());
        return json;
    }
}
