package jp.jpkigate.sim.registry;

import java.time.LocalDate;
import java.util.Objects;
import jp.jpkigate.sim.ca.FourInfo;
import jp.jpkigate.sim.ca.FourInfo.Gender;
import jp.jpkigate.sim.ca.Municipality;

/**
 * A resident as the simulated J-LIS knows them. The id is what the consent registry of the
 * latest-4-information service hangs off ({@code jp.jpkigate.sim.consent}).
 *
 * @param id           opaque registry id, e.g. {@code P000001}
 * @param address      from the prefecture on, as the signature certificate carries it
 * @param deceased     set by {@code die}; no further life events afterwards
 * @param dvProtection under a support measure for victims of domestic violence or stalking
 *                     (DV等支援措置): the latest-4-information service withholds the address
 */
public record Person(String id, String familyName, String givenName, LocalDate birthDate, Gender gender,
                     String address, Municipality municipality, boolean deceased, boolean dvProtection) {
    public Person {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(familyName, "familyName");
        Objects.requireNonNull(givenName, "givenName");
        Objects.requireNonNull(birthDate, "birthDate");
        Objects.requireNonNull(gender, "gender");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(municipality, "municipality");
        if (familyName.isBlank() || givenName.isBlank() || address.isBlank()) {
            throw new IllegalArgumentException("name and address must not be blank");
        }
    }

    /** The basic 4 information as a signature certificate encodes it. */
    public FourInfo fourInfo() {
        return FourInfo.of(familyName, givenName, birthDate, gender, address);
    }

    Person movedTo(Municipality newMunicipality, String newAddress) {
        return new Person(id, familyName, givenName, birthDate, gender, newAddress, newMunicipality, deceased, dvProtection);
    }

    Person renamed(String newFamilyName, String newGivenName) {
        return new Person(id, newFamilyName, newGivenName, birthDate, gender, address, municipality, deceased,
                dvProtection);
    }

    Person dead() {
        return new Person(id, familyName, givenName, birthDate, gender, address, municipality, true, dvProtection);
    }

    Person protectedFromDisclosure(boolean on) {
        return new Person(id, familyName, givenName, birthDate, gender, address, municipality, deceased, on);
    }
}
