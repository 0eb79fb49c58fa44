package jp.jpkigate.sim.registry;

import java.time.LocalDate;
import java.util.Objects;
import jp.jpkigate.sim.ca.FourInfo;
import jp.jpkigate.sim.ca.FourInfo.Gender;
import jp.jpkigate.sim.ca.Municipality;

/**
 * A resident as the simulated J-LIS knows them. The id is what the later latest-4-information
 * service, its consent registry and a DV-protection flag will hang off (not built yet).
 *
 * @param id       opaque registry id, e.g. {@code P000001}
 * @param address  from the prefecture on, as the signature certificate carries it
 * @param deceased set by {@code die}; no further life events afterwards
 */
public record Person(String id, String familyName, String givenName, LocalDate birthDate, Gender gender,
                     String address, Municipality municipality, boolean deceased) {
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
        return new Person(id, familyName, givenName, birthDate, gender, newAddress, newMunicipality, deceased);
    }

    Person renamed(String newFamilyName, String newGivenName) {
        return new Person(id, newFamilyName, newGivenName, birthDate, gender, address, municipality, deceased);
    }

    Person dead() {
        return new Person(id, familyName, givenName, birthDate, gender, address, municipality, true);
    }
}
