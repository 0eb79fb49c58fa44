package jp.jpkigate.sim.consent;

import java.time.Instant;
import java.util.Objects;

/**
 * One status change of a consent, in the order J-LIS recorded them: registered ({@code active}),
 * withdrawn, replaced or expired. The platform operator pulls them to learn of withdrawals made in
 * J-LIS's own app.
 *
 * @param sequence    1, 2, 3 … without gaps; its decimal form is the cursor
 * @param status      the status the consent changed to
 * @param at          when; an expiry is dated at the instant validity ended
 * @param withdrawnBy through whom, for a withdrawal; else null
 */
public record ConsentChange(long sequence, String registryId, String consentId, String businessId,
                            ConsentStatus status, Instant at, Withdrawer withdrawnBy) {
    public ConsentChange {
        Objects.requireNonNull(registryId, "registryId");
        Objects.requireNonNull(consentId, "consentId");
        Objects.requireNonNull(businessId, "businessId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(at, "at");
    }

    /** The opaque cursor of this change (its sequence number in decimal). */
    public String cursor() {
        return Long.toString(sequence);
    }
}
