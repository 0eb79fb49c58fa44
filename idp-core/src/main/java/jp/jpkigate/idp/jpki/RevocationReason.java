package jp.jpkigate.idp.jpki;

import java.util.Optional;

/**
 * CRLReason codes of RFC 5280 section 5.3.1, as J-LIS uses them (CPS 4.9.9): affiliationChanged
 * for a change of the basic 4 information, superseded for a renewal, certificateHold for a card
 * reported lost. Code 7 is unused in RFC 5280.
 */
public enum RevocationReason {
    UNSPECIFIED(0),
    KEY_COMPROMISE(1),
    CA_COMPROMISE(2),
    AFFILIATION_CHANGED(3),
    SUPERSEDED(4),
    CESSATION_OF_OPERATION(5),
    CERTIFICATE_HOLD(6),
    REMOVE_FROM_CRL(8),
    PRIVILEGE_WITHDRAWN(9),
    AA_COMPROMISE(10);

    private final int code;

    RevocationReason(int code) {
        this.code = code;
    }

    /** The CRLReason ENUMERATED value. */
    public int code() {
        return code;
    }

    public static Optional<RevocationReason> fromCode(int code) {
        for (RevocationReason reason : values()) {
            if (reason.code == code) {
                return Optional.of(reason);
            }
        }
        return Optional.empty();
    }
}
