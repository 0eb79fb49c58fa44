package jp.jpkigate.consent.record;

/**
 * Where a signed consent stands at the platform.
 * <ul>
 *   <li>{@code REGISTERING}: signed and verified here, not yet recorded by J-LIS (retried until it is).</li>
 *   <li>{@code ACTIVE}: recorded by J-LIS; in force until its {@code validUntil} (then reported expired).</li>
 *   <li>{@code WITHDRAWN}: withdrawn by the person, here or in J-LIS's own app; final.</li>
 *   <li>{@code REPLACED}: the person signed a newer consent for the same business (one consent per
 *       service); final.</li>
 * </ul>
 */
public enum ConsentState {
    REGISTERING, ACTIVE, WITHDRAWN, REPLACED;

    public boolean isFinal() {
        return this == WITHDRAWN || this == REPLACED;
    }
}
