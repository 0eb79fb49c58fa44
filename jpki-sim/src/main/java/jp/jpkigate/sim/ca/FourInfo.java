package jp.jpkigate.sim.ca;

import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.time.LocalDate;
import java.util.Objects;

/**
 * The basic 4 information (基本4情報) exactly as a signature certificate carries it: each value
 * encoded as J-LIS does, with the substitute-character maps beside name and address.
 *
 * @param name       family and given name separated by a full-width space (U+3000)
 * @param nameMap    one digit per character of {@code name}: 0 normal, 1 substitute
 * @param gender     1 male, 2 female, 3 unknown
 * @param birthDate  EYYYYMMDD (era digit, Gregorian year, month, day)
 * @param address    from the prefecture on, no postcode, at most 200 characters
 * @param addressMap one digit per character of {@code address}
 */
public record FourInfo(String name, String nameMap, String gender, String birthDate, String address, String addressMap) {
    /** The character J-LIS prints for a character outside JIS X 0208 (geta mark). */
    public static final char SUBSTITUTE = '\u3013';
    static final int MAX_ADDRESS = 200;

    public FourInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
        if (!gender.matches("[123]")) {
            throw new IllegalArgumentException("gender must be 1, 2 or 3");
        }
        if (!birthDate.matches("[0-5][0-9]{8}")) {
            throw new IllegalArgumentException("birth date must be EYYYYMMDD");
        }
        if (nameMap.length() != name.codePointCount(0, name.length())
                || addressMap.length() != address.codePointCount(0, address.length())) {
            throw new IllegalArgumentException("a substitute-character map needs one digit per character");
        }
        if (address.codePointCount(0, address.length()) > MAX_ADDRESS) {
            throw new IllegalArgumentException("address is longer than " + MAX_ADDRESS + " characters");
        }
    }

    /**
     * Encodes a person's data the way J-LIS writes it: the name as family + U+3000 + given,
     * characters outside JIS X 0208 replaced by the substitute character and marked in the maps.
     */
    public static FourInfo of(String familyName, String givenName, LocalDate birthDate, Gender gender, String address) {
        Substituted name = substitute(familyName + '\u3000' + givenName);
        Substituted addr = substitute(address);
        return new FourInfo(name.text, name.map, gender.code(), Era.encode(birthDate), addr.text, addr.map);
    }

    /** Gender codes of the basic 4 information. */
    public enum Gender {
        MALE("1"), FEMALE("2"), UNKNOWN("3");

        private final String code;

        Gender(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        public static Gender parse(String value) {
            switch (value.toLowerCase(java.util.Locale.ROOT)) {
                case "1": case "male": case "m": return MALE;
                case "2": case "female": case "f": return FEMALE;
                case "3": case "unknown": case "u": return UNKNOWN;
                default: throw new IllegalArgumentException("gender must be male, female or unknown, got '" + value + "'");
            }
        }
    }

    private record Substituted(String text, String map) {
    }

    private static Substituted substitute(String value) {
        CharsetEncoder jisX0208 = Charset.forName("x-JIS0208").newEncoder();
        StringBuilder text = new StringBuilder(value.length());
        StringBuilder map = new StringBuilder(value.length());
        value.codePoints().forEach(cp -> {
            String ch = new String(Character.toChars(cp));
            // ASCII letters and digits are written full-width by J-LIS; they are in JIS X 0208 as such.
            if (cp < 0x80 || jisX0208.canEncode(ch)) {
                text.append(ch);
                map.append('0');
            } else {
                text.append(SUBSTITUTE);
                map.append('1');
            }
        });
        return new Substituted(text.toString(), map.toString());
    }
}
