package jp.jpkigate.feed.receiver;

import io.vertx.core.json.JsonObject;

/**
 * The RFC 8935 §2.3 / RFC 8936 §2.4 error codes a SET Recipient answers with (the IANA "Security
 * Event Token Error Codes" registry, RFC 8935 §7.1).
 */
public enum SetError {
    /** The body is not a SET, or its event does not conform to the event's definition. */
    INVALID_REQUEST("invalid_request"),
    /** A key used to encrypt or sign the SET is unknown or unacceptable to the recipient. */
    INVALID_KEY("invalid_key"),
    /** The SET's issuer is not the one the recipient expects. */
    INVALID_ISSUER("invalid_issuer"),
    /** The SET's audience is not the recipient. */
    INVALID_AUDIENCE("invalid_audience"),
    /** The recipient could not authenticate the transmitter (the signature does not verify, or there is none). */
    AUTHENTICATION_FAILED("authentication_failed"),
    /** The transmitter may not send this SET to the recipient. */
    ACCESS_DENIED("access_denied");

    private final String code;

    SetError(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** RFC 8935 §2.3: {@code {"err": <code>, "description": <text>}}. */
    public JsonObject toJson(String description) {
        return new JsonObject().put("err", code).put("description", description);
    }
}
