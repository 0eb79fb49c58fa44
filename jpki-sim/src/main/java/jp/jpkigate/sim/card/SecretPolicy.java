package jp.jpkigate.sim.card;

import jp.jpkigate.sim.ca.CaKind;

/**
 * The two secrets of the JPKI application [V]: the signature key's password (6-16 characters A-Z
 * 0-9, 5 tries) and the authentication key's PIN (4 digits, 3 tries).
 */
public enum SecretPolicy {
    PASSWORD("password", "[A-Z0-9]{6,16}", 5),
    PIN("PIN", "[0-9]{4}", 3);

    private final String label;
    private final String pattern;
    private final int maxTries;

    SecretPolicy(String label, String pattern, int maxTries) {
        this.label = label;
        this.pattern = pattern;
        this.maxTries = maxTries;
    }

    public static SecretPolicy of(CaKind kind) {
        return kind == CaKind.SIGNATURE ? PASSWORD : PIN;
    }

    public String label() {
        return label;
    }

    public int maxTries() {
        return maxTries;
    }

    public boolean accepts(String secret) {
        return secret != null && secret.matches(pattern);
    }

    /** Checks a secret chosen at issue; the message never contains the secret. */
    public String requireValid(String secret) {
        if (!accepts(secret)) {
            throw new IllegalArgumentException(this == PIN
                    ? "the PIN must be 4 digits"
                    : "the password must be 6 to 16 characters A-Z and 0-9");
        }
        return secret;
    }
}
