package jp.jpkigate.feed.outbox;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What became of one delivery attempt, for {@link Outbox#settle}: each applies only while the event
 * is still at the head of its ordering key, so a late or repeated settlement changes nothing.
 */
public sealed interface Settlement {
    String jti();

    /**
     * The receiver has the event: it is deleted and the next event of its ordering key is released.
     * Applies whether the event is in flight or waiting for a retry (a late success still counts).
     */
    record Acknowledge(String jti) implements Settlement {
        public Acknowledge {
            Objects.requireNonNull(jti, "jti");
        }
    }

    /**
     * Try again at {@code at}: the event leaves the delivery stream for the retry schedule and its
     * failed-attempt count grows by one; the ordering key stays blocked behind it. Applies only to
     * the release named by {@code deliveryId}.
     */
    record Retry(String jti, String deliveryId, Instant at) implements Settlement {
        public Retry {
            Objects.requireNonNull(jti, "jti");
            Objects.requireNonNull(deliveryId, "deliveryId");
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * Give up: the event moves to the dead-letter list and the next event of its ordering key is
     * released. With a {@code deliveryId}, only for that release.
     */
    record GiveUp(String jti, Optional<String> deliveryId, SetError error) implements Settlement {
        public GiveUp {
            Objects.requireNonNull(jti, "jti");
            Objects.requireNonNull(deliveryId, "deliveryId");
            Objects.requireNonNull(error, "error");
        }
    }

    /**
     * What a settlement did.
     *
     * @param applied   false when the event was unknown, already settled, or not the named release
     * @param createdAt the event's creation time, when an acknowledgement applied (latency metrics)
     */
    record Result(boolean applied, Optional<Instant> createdAt) {
        public static final Result NOT_APPLIED = new Result(false, Optional.empty());
    }
}
