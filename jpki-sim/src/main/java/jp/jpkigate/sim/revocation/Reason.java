package jp.jpkigate.sim.revocation;

/** CRL reason codes (RFC 5280 5.3.1) used by J-LIS (CPS 4.9.9). */
public enum Reason {
    UNSPECIFIED(0),
    KEY_COMPROMISE(1),
    CA_COMPROMISE(2),
    /** A basic-4-information change (move, rename): the signature certificate is revoked. */
    AFFILIATION_CHANGED(3),
    /** Renewal: the old certificate is superseded by a new one. */
    SUPERSEDED(4),
    /** Death, emigration, or the holder's request. */
    CESSATION_OF_OPERATION(5),
    /** Temporary hold (lost card); for a phone's authentication certificate it can be released. */
    CERTIFICATE_HOLD(6),
    /** Only in delta CRLs: a released hold. */
    REMOVE_FROM_CRL(8);

    private final int code;

    Reason(int code) {
        this.code = code;
    }

    /** The RFC 5280 CRLReason value. */
    public int code() {
        return code;
    }

    public static Reason fromCode(int code) {
        for (Reason reason : values()) {
            if (reason.code == code) {
                return reason;
            }
        }
        throw new IllegalArgumentException("unknown CRL reason code " + code);
    }

    /** Parses the CLI / RFC spelling ("affiliationChanged", "hold", "KEY_COMPROMISE"). */
    public static Reason parse(String value) {
        String v = value.replace("_", "").replace("-", "").toLowerCase(java.util.Locale.ROOT);
        if (v.equals("hold")) {
            return CERTIFICATE_HOLD;
        }
        for (Reason reason : values()) {
            if (reason.name().replace("_", "").toLowerCase(java.util.Locale.ROOT).equals(v)) {
                return reason;
            }
        }
        throw new IllegalArgumentException("unknown revocation reason '" + value + "'");
    }
}
