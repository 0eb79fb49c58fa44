package jp.jpkigate.sim.consent;

import java.util.Locale;

/**
 * Where a consent stands. Only {@link #ACTIVE} is in force; the others are final: withdrawn by the
 * person (at J-LIS or through the platform operator), replaced by a newer consent of the same
 * person for the same business, or expired at the end of its validity.
 */
public enum ConsentStatus {
    ACTIVE, WITHDRAWN, REPLACED, EXPIRED;

    /** {@code active}, {@code withdrawn}, {@code replaced} or {@code expired}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static ConsentStatus parse(String wireName) {
        return valueOf(wireName.toUpperCase(Locale.ROOT));
    }
}
