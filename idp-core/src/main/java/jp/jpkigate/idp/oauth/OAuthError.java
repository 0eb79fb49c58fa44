package jp.jpkigate.idp.oauth;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One OAuth 2.0 error: the RFC 6749 §5.2 / §4.1.2.1 {@code error} code, the HTTP status it is
 * answered with, and an optional human-readable {@code error_description}. Immutable; the catalogue
 * below holds the registered values, and a specific error is a copy refined with
 * {@link #withDescription(String)} (the Fosite way), never a new code invented at the call site.
 *
 * <p>The description reaches the client: it names what was wrong with the request, never internals
 * (no stack traces, no exception messages from libraries, no secrets).
 */
public final class OAuthError {
    /** RFC 6749 §5.2: missing, repeated, malformed or unsupported parameter. */
    public static final OAuthError INVALID_REQUEST = new OAuthError("invalid_request", 400, null);
    /** RFC 6749 §5.2: client authentication failed; answered with 401 and {@code WWW-Authenticate}. */
    public static final OAuthError INVALID_CLIENT = new OAuthError("invalid_client", 401, null);
    /** RFC 6749 §5.2: the code, refresh token or credentials are invalid, expired, revoked or replayed. */
    public static final OAuthError INVALID_GRANT = new OAuthError("invalid_grant", 400, null);
    /** RFC 6749 §5.2: the client may not use this grant or flow. */
    public static final OAuthError UNAUTHORIZED_CLIENT = new OAuthError("unauthorized_client", 400, null);
    /** RFC 6749 §5.2. */
    public static final OAuthError UNSUPPORTED_GRANT_TYPE = new OAuthError("unsupported_grant_type", 400, null);
    /** RFC 6749 §4.1.2.1. */
    public static final OAuthError UNSUPPORTED_RESPONSE_TYPE = new OAuthError("unsupported_response_type", 400, null);
    /** RFC 6749 §5.2: unknown, malformed or not allowed scope. */
    public static final OAuthError INVALID_SCOPE = new OAuthError("invalid_scope", 400, null);
    /** RFC 6749 §4.1.2.1. */
    public static final OAuthError ACCESS_DENIED = new OAuthError("access_denied", 403, null);
    /** RFC 6749 §4.1.2.1: an unexpected condition; never carries details of it. */
    public static final OAuthError SERVER_ERROR = new OAuthError("server_error", 500, null);
    /** RFC 6749 §4.1.2.1. */
    public static final OAuthError TEMPORARILY_UNAVAILABLE = new OAuthError("temporarily_unavailable", 503, null);
    /** RFC 9101 §6.2 / RFC 9126 §2.3: the request_uri is unknown, expired or used. */
    public static final OAuthError INVALID_REQUEST_URI = new OAuthError("invalid_request_uri", 400, null);
    /** RFC 9101 §6.2: the request object is invalid. */
    public static final OAuthError INVALID_REQUEST_OBJECT = new OAuthError("invalid_request_object", 400, null);
    /** OpenID Connect Core §3.1.2.6: the {@code request} parameter is not supported. */
    public static final OAuthError REQUEST_NOT_SUPPORTED = new OAuthError("request_not_supported", 400, null);
    /** OpenID Connect Core §3.1.2.6: prompt=none but the person must log in. */
    public static final OAuthError LOGIN_REQUIRED = new OAuthError("login_required", 400, null);
    /** OpenID Connect Core §3.1.2.6: prompt=none but consent is needed. */
    public static final OAuthError CONSENT_REQUIRED = new OAuthError("consent_required", 400, null);
    /** RFC 9449 §5: the DPoP proof is missing where required, malformed, or does not match the request. */
    public static final OAuthError INVALID_DPOP_PROOF = new OAuthError("invalid_dpop_proof", 400, null);
    /** RFC 9449 §8: the DPoP proof must carry the nonce sent in the {@code DPoP-Nonce} header. */
    public static final OAuthError USE_DPOP_NONCE = new OAuthError("use_dpop_nonce", 400, null);

    private final String code;
    private final int httpStatus;
    private final String description;

    private OAuthError(String code, int httpStatus, String description) {
        this.code = Objects.requireNonNull(code, "code");
        this.httpStatus = httpStatus;
        this.description = description;
    }

    /** The {@code error} value. */
    public String code() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public Optional<String> description() {
        return Optional.ofNullable(description);
    }

    /**
     * A copy with this {@code error_description}. RFC 6749 §5.2 limits it to printable ASCII
     * without {@code "} and {@code \}; anything else is replaced by {@code ?} so a description
     * built from request input can never break the JSON or a header.
     */
    public OAuthError withDescription(String newDescription) {
        return new OAuthError(code, httpStatus, newDescription == null ? null : sanitize(newDescription));
    }

    /** A copy answered with another HTTP status (for example 413 for an oversized body). */
    public OAuthError withStatus(int status) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("an OAuth error has a 4xx or 5xx status");
        }
        return new OAuthError(code, status, description);
    }

    /** An exception carrying this error, to fail a future or leave a parser. */
    public OAuthException toException() {
        return new OAuthException(this);
    }

    /** The RFC 6749 §5.2 JSON members, in order. */
    public Map<String, Object> toJsonObject() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("error", code);
        if (description != null) {
            json.put("error_description", description);
        }
        return json;
    }

    private static String sanitize(String text) {
        String shortened = text.length() > 300 ? text.substring(0, 300) : text;
        StringBuilder out = new StringBuilder(shortened.length());
        for (int i = 0; i < shortened.length(); i++) {
            char c = shortened.charAt(i);
            boolean allowed = c >= 0x20 && c <= 0x7e && c != '"' && c != '\\';
            out.append(allowed ? c : '?');
        }
        return out.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OAuthError other && code.equals(other.code) && httpStatus == other.httpStatus
                && Objects.equals(description, other.description);
    }

    @Override
    public int hashCode() {
        return Objects.hash(code, httpStatus, description);
    }

    @Override
    public String toString() {
        return description == null ? code : code + ": " + description;
    }
}
