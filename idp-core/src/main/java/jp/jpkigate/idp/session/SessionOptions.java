package jp.jpkigate.idp.session;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How long a single sign-on session lasts. Immutable; the constructor fails listing every problem.
 *
 * @param idleTimeout how long the session lives without use: every login it answers, or a new card
 *                    signature, starts it again (sliding); 1 min - 12 h, default 30 min
 * @param maxLifetime how long after the card last signed the session can answer at all, however
 *                    busy (absolute); 1 min - 7 days and at least {@code idleTimeout}, default 8 h
 */
public record SessionOptions(Duration idleTimeout, Duration maxLifetime) {
    public SessionOptions {
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(maxLifetime, "maxLifetime");
        List<String> problems = new ArrayList<>();
        if (idleTimeout.compareTo(Duration.ofMinutes(1)) < 0 || idleTimeout.compareTo(Duration.ofHours(12)) > 0) {
            problems.add("idleTimeout must be 1 min - 12 h");
        }
        if (maxLifetime.compareTo(Duration.ofMinutes(1)) < 0 || maxLifetime.compareTo(Duration.ofDays(7)) > 0) {
            problems.add("maxLifetime must be 1 min - 7 days");
        }
        if (maxLifetime.compareTo(idleTimeout) < 0) {
            problems.add("maxLifetime must be at least idleTimeout");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("session options: " + String.join("; ", problems));
        }
    }

    /** 30 minutes idle, 8 hours after the card's signature at most. */
    public static SessionOptions defaults() {
        return new SessionOptions(Duration.ofMinutes(30), Duration.ofHours(8));
    }
}
