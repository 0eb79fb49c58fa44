package jp.jpkigate.feed.outbox;

import java.time.Instant;
import java.util.Objects;

/**
 * An event handed to one consumer for delivery ({@link Outbox#claim}).
 *
 * @param event          the event
 * @param deliveryId     identifies this release of the event (the stream entry id); a retry or
 *                       dead letter naming an older release changes nothing
 * @param failedAttempts deliveries of this event that failed so far (0 on the first try)
 * @param retryingSince  when the current series of attempts began: the enqueue, or the last re-queue
 *                       of a dead letter (the retry age limit counts from it)
 */
public record ClaimedEvent(OutboxEvent event, String deliveryId, int failedAttempts, Instant retryingSince) {
    public ClaimedEvent {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(deliveryId, "deliveryId");
        Objects.requireNonNull(retryingSince, "retryingSince");
    }

    public String jti() {
        return event.jti();
    }
}
