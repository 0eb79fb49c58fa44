package jp.jpkigate.revocation.index;

/**
 * RFC 5280 section 5.3.1, Reason Code:
 * <pre>
 * CRLReason ::= ENUMERATED {
 *      unspecified             (0),
 *      keyCompromise           (1),
 *      cACompromise            (2),
 *      affiliationChanged      (3),
 *      superseded              (4),
 *      cessationOfOperation    (5),
 *      certificateHold         (6),
 *           -- value 7 is not used
 *      removeFromCRL           (8),
 *      privilegeWithdrawn      (9),
 *      aACompromise           (10) }
 * </pre>
 * "removeFromCRL" only appears in delta CRLs; it never describes a revoked serial in an index.
 */
public enum CrlReason {
    UNSPECIFIED(0), KEY_COMPROMISE(1), CA_COMPROMISE(2), AFFILIATION_CHANGED(3), SUPERSEDED(4),
    CESSATION_OF_OPERATION(5), CERTIFICATE_HOLD(6), REMOVE_FROM_CRL(8), PRIVILEGE_WITHDRAWN(9),
    AA_COMPROMISE(10);

    private static final CrlReason[] BY_CODE = new CrlReason[11];

    static {
        for (CrlReason r : values()) {
            BY_CODE[r.code] = r;
        }
    }

    private final int code;

    CrlReason(int code) {
        this.code = code;
    }

    /** The ENUMERATED value as encoded in the CRL. */
    public int code() {
        return code;
    }

    /** Whether {@code code} is a defined CRLReason value (0..10 except 7). */
    public static boolean isValid(int code) {
        return code >= 0 && code < BY_CODE.length && BY_CODE[code] != null;
    }

    /** The reason for a code; {@link IllegalArgumentException} for 7 or anything outside 0..10. */
    public static CrlReason fromCode(int code) {
        if (!isValid(code)) {
            throw new IllegalArgumentException("not a CRLReason: " + code);
        }
        return BY_CODE[code];
    }
}
