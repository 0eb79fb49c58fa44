package jp.jpkigate.idp.par;

import java.util.Optional;

/** OpenID Connect Core §3.1.2.1 {@code prompt} values. */
public enum Prompt {
    NONE("none"), LOGIN("login"), CONSENT("consent"), SELECT_ACCOUNT("select_account");

    private final String value;

    Prompt(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static Optional<Prompt> parse(String value) {
        for (Prompt p : values()) {
            if (p.value.equals(value)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
