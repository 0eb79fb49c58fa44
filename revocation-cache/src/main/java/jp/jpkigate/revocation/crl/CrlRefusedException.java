package jp.jpkigate.revocation.crl;

/** A well-formed, correctly signed CRL that must not replace the current snapshot. */
public final class CrlRefusedException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why. */
    public enum Reason {
        /** No CRLNumber (RFC 5280 section 5.2.3: "MUST include this extension in all CRLs"). */
        MISSING_CRL_NUMBER,
        /** CRLNumber lower than the current one (section 5.2.3: "monotonically increasing"). */
        OLDER_THAN_CURRENT,
        /** A delta CRL but no complete CRL has been loaded. */
        DELTA_WITHOUT_BASE,
        /** The current CRL number is below the delta's BaseCRLNumber (section 5.2.4). */
        DELTA_BASE_MISMATCH,
        /** Different issuer, authority key or IssuingDistributionPoint than the current snapshot. */
        SCOPE_MISMATCH,
        /** thisUpdate lies in the future beyond the allowed clock skew. */
        NOT_YET_VALID
    }

    private final Reason reason;

    public CrlRefusedException(Reason reason, String message) {
        super(reason + ": " + message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
