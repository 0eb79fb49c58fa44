package jp.jpkigate.sim.ca;

/** The two JPKI certificate hierarchies: one CA issues signature certificates, the other user-authentication ones. */
public enum CaKind {
    SIGNATURE("sign", "JPKI for digital signature"),
    AUTHENTICATION("auth", "JPKI for user authentication");

    private final String shortName;
    private final String organizationalUnit;

    CaKind(String shortName, String organizationalUnit) {
        this.shortName = shortName;
        this.organizationalUnit = organizationalUnit;
    }

    /** "sign" or "auth": used in CA identifiers such as {@code sign-2026}. */
    public String shortName() {
        return shortName;
    }

    /** The OU that names this hierarchy in the CA's subject DN and in CRL distribution point names. */
    public String organizationalUnit() {
        return organizationalUnit;
    }

    public static CaKind fromShortName(String value) {
        for (CaKind kind : values()) {
            if (kind.shortName.equals(value)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown CA kind '" + value + "' (expected sign or auth)");
    }
}
