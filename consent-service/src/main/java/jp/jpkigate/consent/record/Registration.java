package jp.jpkigate.consent.record;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * J-LIS's record of a consent: its id there, when J-LIS recorded it, and the last day it is in
 * force (10 years from the day after it was recorded, Japan time, as J-LIS answers).
 */
public record Registration(String registryId, Instant recordedAt, LocalDate validUntil) {
    public Registration {
        Objects.requireNonNull(registryId, "registryId");
        Objects.requireNonNull(recordedAt, "recordedAt");
        Objects.requireNonNull(validUntil, "validUntil");
    }
}
