package jp.jpkigate.revocation.web;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * An HTTP error as an RFC 9457 problem document ({@code application/problem+json}). The catalogue below
 * holds every problem the revocation endpoints send; a request's specifics are added by copying with
 * {@link #withDetail} and, for one item of a batch, {@link #at}. The detail is for the client: never
 * put exception text or credentials in it.
 *
 * @param status HTTP status
 * @param slug   the problem type, rendered as {@code urn:jpki-gate:problem:<slug>} (RFC 9457 3.1.1)
 * @param title  the fixed, short summary of the type (RFC 9457 3.1.3)
 * @param detail what exactly was wrong with this request (RFC 9457 3.1.4)
 * @param index  the position of the offending batch item, or -1 (an extension member, RFC 9457 3.2)
 */
public record Problem(int status, String slug, String title, String detail, int index) {
    public static final String CONTENT_TYPE = "application/problem+json";

    /** The body is not the JSON the endpoint takes. */
    public static final Problem INVALID_REQUEST = of(400, "invalid-request", "Invalid request");
    /** A certificate is not base64 of one DER X.509 certificate. */
    public static final Problem INVALID_CERTIFICATE = of(400, "invalid-certificate", "Invalid certificate");
    /** An issuer key id or serial number is not hex. */
    public static final Problem INVALID_SERIAL = of(400, "invalid-serial", "Invalid issuer or serial number");
    /** More items than one request may carry. */
    public static final Problem BATCH_TOO_LARGE = of(400, "batch-too-large", "Too many items in one request");
    /** {@code GET /ocsp/{request}} with something that is not url-encoded base64. */
    public static final Problem INVALID_OCSP_REQUEST = of(400, "invalid-ocsp-request", "Invalid OCSP request encoding");
    /** RFC 6749 5.2 {@code invalid_client}: no or wrong client credentials. */
    public static final Problem INVALID_CLIENT = of(401, "invalid-client", "Client authentication failed");
    public static final Problem NOT_FOUND = of(404, "not-found", "Not found");
    public static final Problem METHOD_NOT_ALLOWED = of(405, "method-not-allowed", "Method not allowed");
    public static final Problem BODY_TOO_LARGE = of(413, "body-too-large", "Request body too large");
    public static final Problem UNSUPPORTED_MEDIA_TYPE = of(415, "unsupported-media-type", "Unsupported media type");
    /** Anything not foreseen: the details stay in the log. */
    public static final Problem SERVER_ERROR = of(500, "server-error", "Internal server error")
            .withDetail("the revocation service could not answer this request");

    public Problem {
        Objects.requireNonNull(slug, "slug");
        Objects.requireNonNull(title, "title");
    }

    private static Problem of(int status, String slug, String title) {
        return new Problem(status, slug, title, null, -1);
    }

    /** A copy with this request's detail. */
    public Problem withDetail(String detail) {
        return new Problem(status, slug, title, detail, index);
    }

    /** A copy for batch item {@code index}: the detail is prefixed with {@code member[index]: }. */
    public Problem at(String member, int index, String detail) {
        return new Problem(status, slug, title, member + "[" + index + "]: " + detail, index);
    }

    /** The problem as an exception, to throw from a parser or fail a future with. */
    public ProblemException exception() {
        return new ProblemException(this);
    }

    public String type() {
        return "urn:jpki-gate:problem:" + slug;
    }

    public JsonObject toJson() {
        JsonObject json = new JsonObject().put("type", type()).put("title", title).put("status", status);
        if (detail != null) {
            json.put("detail", detail);
        }
        if (index >= 0) {
            json.put("index", index);
        }
        return json;
    }
}
