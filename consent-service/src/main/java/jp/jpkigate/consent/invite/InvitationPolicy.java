package jp.jpkigate.consent.invite;

import java.time.Duration;
import java.util.Objects;

/**
 * What a business may ask for in one call: how long invitations live when it does not say
 * ({@code defaultLifetime}) and at most ({@code maxLifetime}), how many customers one call may name,
 * and how long an invitation is kept past its expiry (so its status still reads {@code expired}).
 */
public record InvitationPolicy(Duration defaultLifetime, Duration maxLifetime, int maxCustomers, Duration retention) {
    /** The shortest lifetime a business may ask for. */
    public static final Duration MIN_LIFETIME = Duration.ofMinutes(1);

    public InvitationPolicy {
        Objects.requireNonNull(defaultLifetime, "defaultLifetime");
        Objects.requireNonNull(maxLifetime, "maxLifetime");
        Objects.requireNonNull(retention, "retention");
        if (maxLifetime.compareTo(MIN_LIFETIME) < 0 || defaultLifetime.compareTo(MIN_LIFETIME) < 0
                || defaultLifetime.compareTo(maxLifetime) > 0) {
            throw new IllegalArgumentException("invitation lifetimes: 1 minute <= default <= max");
        }
        if (maxCustomers < 1) {
            throw new IllegalArgumentException("a call must be allowed at least one customer");
        }
        if (retention.isNegative()) {
            throw new IllegalArgumentException("retention must not be negative");
        }
    }
}
