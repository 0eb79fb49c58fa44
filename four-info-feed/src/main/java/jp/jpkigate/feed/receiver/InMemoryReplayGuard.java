package jp.jpkigate.feed.receiver;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link ReplayGuard} in memory, for the standalone reference receiver (no Redis): it keeps a jti
 * while its SET could still be accepted ({@code iat} within {@code maxAge}, the verifier's limit)
 * and at most {@code capacity} jtis, forgetting the oldest first. Size the capacity above the
 * number of SETs the receiver gets within {@code maxAge}; beyond it, a SET redelivered after its jti
 * was forgotten reaches the application twice. A receiver that restarts forgets everything: a
 * production receiver keeps its jtis durably.
 */
public final class InMemoryReplayGuard implements ReplayGuard {
    private final int capacity;
    private final Duration maxAge;
    private final Clock clock;
    private final LinkedHashMap<String, Instant> seen = new LinkedHashMap<>();

    public InMemoryReplayGuard(int capacity, Duration maxAge, Clock clock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
        this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public synchronized boolean firstSeen(String jti, Instant issuedAt) {
        if (seen.containsKey(jti)) {
            return false;
        }
        Instant horizon = clock.instant().minus(maxAge);
        for (Iterator<Map.Entry<String, Instant>> it = seen.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Instant> eldest = it.next();
            if (seen.size() < capacity && !eldest.getValue().isBefore(horizon)) {
                break;
            }
            it.remove();
        }
        seen.put(jti, issuedAt);
        return true;
    }

    synchronized int size() {
        return seen.size();
    }
}
