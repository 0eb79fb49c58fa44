package jp.jpkigate.feed.outbox;

import java.time.Instant;
import java.util.Objects;

/**
 * One Security Event Token on its way to one business, as the outbox sees it: routing data and the
 * compact JWE (already signed and encrypted to the business's key; the platform keeps no plaintext).
 * The ordering key is the consent id: a customer's events reach the business in the order they
 * were enqueued ({@link Outbox}).
 *
 * @param jti       the SET's {@code jti}: the event's identity (enqueue is idempotent by it)
 * @param clientId  the business (its OAuth client id): whose stream the event goes to
 * @param consentId the consent the event is about; also the ordering key
 * @param jwe       the compact JWE, delivered as it is
 * @param createdAt when the event was made (delivery latency is measured from it)
 */
public record OutboxEvent(String jti, String clientId, String consentId, String jwe, Instant createdAt) {
    /** Longest jti, client id or consent id accepted: they become parts of Redis keys. */
    public static final int MAX_ID_LENGTH = 256;

    public OutboxEvent {
        checkId("jti", jti);
        checkId("clientId", clientId);
        checkId("consentId", consentId);
        Objects.requireNonNull(jwe, "jwe");
        Objects.requireNonNull(createdAt, "createdAt");
        if (jwe.isEmpty()) {
            throw new IllegalArgumentException("an event carries a JWE");
        }
    }

    /** The events of one ordering key are delivered one at a time, in enqueue order. */
    public String orderingKey() {
        return consentId;
    }

    /** An id is 1 to {@link #MAX_ID_LENGTH} visible ASCII characters. */
    public static String checkId(String name, String value) {
        Objects.requireNonNull(value, name);
        if (value.isEmpty() || value.length() > MAX_ID_LENGTH || !value.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException(name + " must be 1 to " + MAX_ID_LENGTH + " visible ASCII characters");
        }
        return value;
    }

    @Override
    public String toString() {
        return "OutboxEvent[jti=" + jti + ", clientId=" + clientId + ", consentId=" + consentId + ", createdAt="
                + createdAt + "]";
    }
}
