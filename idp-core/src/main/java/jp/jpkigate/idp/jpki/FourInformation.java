package jp.jpkigate.idp.jpki;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The basic 4 information (基本4情報) of a signature certificate, exactly as carried in its
 * subjectAltName, with typed views. Substitute-character maps travel with the values they
 * describe ({@code 0} normal character, {@code 1} substitute); they are null when the certificate
 * carries none.
 *
 * @param name          氏名, family and given name separated by U+3000 (raw)
 * @param nameMap       substitute-character map of the name, or null
 * @param genderCode    raw gender code: 1, 2 or 3
 * @param birthDateCode raw date of birth EYYYYMMDD (E = era, 0 unknown; YYYY Gregorian)
 * @param address       address from the prefecture on
 * @param addressMap    substitute-character map of the address, or null
 */
public record FourInformation(String name, String nameMap, String genderCode, String birthDateCode,
                              String address, String addressMap) {
    /** The full-width space between family and given name. */
    public static final char IDEOGRAPHIC_SPACE = '\u3000';
    private static final Pattern BIRTH = Pattern.compile("[0-5][0-9]{8}");
    private static final int MEIJI_YEAR = 1868;
    private static final Pattern MAP = Pattern.compile("[0-9]*");

    /** @throws IllegalArgumentException when a value breaks the JPKI encoding (bad code, impossible date, ...) */
    public FourInformation {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(genderCode, "genderCode");
        Objects.requireNonNull(birthDateCode, "birthDateCode");
        Objects.requireNonNull(address, "address");
        if (Gender.fromCode(genderCode).isEmpty()) {
            throw new IllegalArgumentException("gender code must be 1, 2 or 3");
        }
        if (!BIRTH.matcher(birthDateCode).matches()) {
            throw new IllegalArgumentException("date of birth must be EYYYYMMDD with era 0-5");
        }
        parseBirthDate(birthDateCode);
        if ((nameMap != null && !MAP.matcher(nameMap).matches())
                || (addressMap != null && !MAP.matcher(addressMap).matches())) {
            throw new IllegalArgumentException("a substitute-character map must be digits only");
        }
    }

    /** The family name: the part before the first full-width space, or null if the name has none. */
    public String familyName() {
        int space = name.indexOf(IDEOGRAPHIC_SPACE);
        return space < 0 ? null : name.substring(0, space);
    }

    /** The given name: the part after the first full-width space, or null if the name has none. */
    public String givenName() {
        int space = name.indexOf(IDEOGRAPHIC_SPACE);
        return space < 0 ? null : name.substring(space + 1);
    }

    public Gender gender() {
        return Gender.fromCode(genderCode).orElseThrow();
    }

    /** The era digit of the date of birth (0 unknown, 1 Meiji ... 5 Reiwa). */
    public int birthEra() {
        return birthDateCode.charAt(0) - '0';
    }

    /** The date of birth, empty when the era digit is 0 (unknown). */
    public Optional<LocalDate> birthDate() {
        return Optional.ofNullable(parseBirthDate(birthDateCode));
    }

    /** OpenID Connect Core section 5.1 {@code gender}: male, female or unknown. */
    public String oidcGender() {
        return gender().oidcValue();
    }

    /** OpenID Connect Core section 5.1 {@code birthdate} (YYYY-MM-DD), empty when unknown. */
    public Optional<String> oidcBirthdate() {
        return birthDate().map(LocalDate::toString);
    }

    private static LocalDate parseBirthDate(String code) {
        if (code.charAt(0) == '0') {
            return null;
        }
        int year = Integer.parseInt(code.substring(1, 5));
        int month = Integer.parseInt(code.substring(5, 7));
        int day = Integer.parseInt(code.substring(7, 9));
        if (year < MEIJI_YEAR) {
            throw new IllegalArgumentException("date of birth is before the Meiji era");
        }
        try {
            return LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("date of birth is not a real date", e);
        }
    }
}
