package jp.jpkigate.consent.record;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import jp.jpkigate.consent.invitation.Invitation;

/**
 * A customer's consent as the business sees it: {@code pending} (invited, not yet signed, or signed
 * and not yet recorded by J-LIS), {@code active}, {@code withdrawn} (by the person, or replaced by a
 * newer consent of theirs), {@code expired} (the invitation ran out unused, or the 10 years passed).
 */
public enum BusinessStatus {
    PENDING, ACTIVE, WITHDRAWN, EXPIRED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status of an invitation and the consent signed through it, if any, at {@code now}. */
    public static BusinessStatus of(Invitation invitation, Optional<ConsentRecord> consent, Instant now) {
        if (consent.isEmpty()) {
            return invitation.isExpired(now) ? EXPIRED : PENDING;
        }
        return of(consent.get(), now);
    }

    public static BusinessStatus of(ConsentRecord consent, Instant now) {
        return switch (consent.state()) {
            case REGISTERING -> PENDING;
            case ACTIVE -> consent.isExpired(now) ? EXPIRED : ACTIVE;
            case WITHDRAWN, REPLACED -> WITHDRAWN;
        };
    }
}
