package jp.jpkigate.feed.push;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import jp.jpkigate.feed.outbox.SetError;

/**
 * What a receiver's answer to a pushed SET means (RFC 8935 §2.2–2.4), one of three verdicts:
 * <ul>
 * <li>{@link Delivered}: a 2xx (RFC 8935 answers 202 Accepted; 200 is taken too).</li>
 * <li>{@link Refused}: 400 with an RFC 8935 error the SET itself caused ({@code invalid_request},
 *     {@code invalid_issuer}, {@code invalid_audience}, an unknown code, or no readable error):
 *     sending the same bytes again cannot help, so the event is dead-lettered at once.</li>
 * <li>{@link Failed}: everything else is tried again later — 400 {@code invalid_key} (the receiver
 *     may not have fetched a rotated key yet), 400 {@code authentication_failed} /
 *     {@code access_denied} and 401 / 403 (credentials the receiver's operator can fix without a new
 *     SET), 408, 429 and 5xx (with their {@code Retry-After}), other statuses (a misconfigured
 *     endpoint), timeouts and connection failures.</li>
 * </ul>
 */
public sealed interface PushAnswer {
    /** RFC 8935 §2.4 codes that do not condemn the SET itself. */
    Set<String> RETRYABLE_ERRORS = Set.of("invalid_key", "authentication_failed", "access_denied");

    record Delivered() implements PushAnswer {
    }

    record Refused(SetError error) implements PushAnswer {
    }

    /** @param reason for logs and the dead letter, when the retries run out */
    record Failed(SetError reason, Optional<Duration> retryAfter) implements PushAnswer {
    }

    /** The verdict on an HTTP answer; {@code body} is read only for a 400. */
    static PushAnswer of(int status, String body, String retryAfterHeader) {
        if (status >= 200 && status < 300) {
            return new Delivered();
        }
        if (status == 400) {
            SetError error = rfc8935Error(body).orElse(new SetError("invalid_request",
                    "HTTP 400 without an RFC 8935 error"));
            return RETRYABLE_ERRORS.contains(error.err()) ? new Failed(error, Optional.empty()) : new Refused(error);
        }
        return new Failed(new SetError("http_" + status, "HTTP " + status), retryAfter(retryAfterHeader));
    }

    /** A failure without an answer: timeout, refused connection, TLS failure. */
    static PushAnswer unreachable(Throwable failure) {
        return new Failed(new SetError("unreachable", failure.getClass().getSimpleName()), Optional.empty());
    }

    private static Optional<SetError> rfc8935Error(String body) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        try {
            JsonObject json = new JsonObject(body);
            return json.getValue("err") instanceof String err && !err.isEmpty()
                    ? Optional.of(new SetError(err, json.getValue("description") instanceof String d ? d : ""))
                    : Optional.empty();
        } catch (DecodeException | ClassCastException e) {
            return Optional.empty();
        }
    }

    /** RFC 9110 §10.2.3 delay-seconds only; an HTTP date is ignored (the backoff still applies). */
    private static Optional<Duration> retryAfter(String header) {
        if (header == null || !header.trim().matches("\\d{1,9}")) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofSeconds(Long.parseLong(header.trim())));
    }
}
