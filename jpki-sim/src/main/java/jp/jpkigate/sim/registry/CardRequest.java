package jp.jpkigate.sim.registry;

import java.time.LocalDate;
import java.util.Objects;
import jp.jpkigate.sim.ca.FourInfo.Gender;
import jp.jpkigate.sim.ca.KeyAlgorithm;
import jp.jpkigate.sim.ca.Municipality;
import jp.jpkigate.sim.card.SecretPolicy;

/**
 * An application for a new card by a new resident. The secrets are checked here (PIN 4 digits,
 * password 6-16 of A-Z 0-9); error messages never repeat them.
 */
public record CardRequest(String familyName, String givenName, LocalDate birthDate, Gender gender, String address,
                          Municipality municipality, String pin, String password, KeyAlgorithm algorithm) {
    public CardRequest {
        Objects.requireNonNull(algorithm, "algorithm");
        SecretPolicy.PIN.requireValid(pin);
        SecretPolicy.PASSWORD.requireValid(password);
    }

    /** Overrides toString so a logged request never shows the secrets. */
    @Override
    public String toString() {
        return "CardRequest[" + familyName + " " + givenName + ", " + birthDate + ", " + municipality + ", " + algorithm + "]";
    }
}
