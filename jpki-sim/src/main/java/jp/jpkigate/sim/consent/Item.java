package jp.jpkigate.sim.consent;

import java.util.Locale;
import java.util.Optional;

/** One of the basic 4 information a person consents to have provided, by its wire name. */
public enum Item {
    NAME, ADDRESS, BIRTHDATE, GENDER;

    /** {@code name}, {@code address}, {@code birthdate} or {@code gender}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Item> parse(String wireName) {
        for (Item item : values()) {
            if (item.wireName().equals(wireName)) {
                return Optional.of(item);
            }
        }
        return Optional.empty();
    }
}
