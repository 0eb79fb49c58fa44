package jp.jpkigate.idp.jpki;

import java.util.Optional;

/** Gender as the basic 4 information codes it (1 male, 2 female, 3 unknown) and as OIDC spells it. */
public enum Gender {
    MALE("1", "male"),
    FEMALE("2", "female"),
    UNKNOWN("3", "unknown");

    private final String code;
    private final String oidcValue;

    Gender(String code, String oidcValue) {
        this.code = code;
        this.oidcValue = oidcValue;
    }

    /** The JPKI code: "1", "2" or "3". */
    public String code() {
        return code;
    }

    /** The OpenID Connect Core section 5.1 {@code gender} value. */
    public String oidcValue() {
        return oidcValue;
    }

    public static Optional<Gender> fromCode(String code) {
        for (Gender gender : values()) {
            if (gender.code.equals(code)) {
                return Optional.of(gender);
            }
        }
        return Optional.empty();
    }
}
