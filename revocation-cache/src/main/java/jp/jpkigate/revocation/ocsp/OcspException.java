package jp.jpkigate.revocation.ocsp;

/** Why an OCSP exchange gave no usable answer; the caller fails closed. */
public final class OcspException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Failure catalogue, by the RFC 6960 check that failed. */
    public enum Kind {
        /** Connection, timeout, HTTP status or media type. */
        TRANSPORT,
        /** Not a DER OCSPResponse, or not a basic response (section 4.2.1). */
        MALFORMED,
        /** responseStatus other than successful (section 4.2.1), e.g. unauthorized or tryLater. */
        NOT_SUCCESSFUL,
        /** Neither the CA nor a certificate it issued for OCSP signing signed it (section 4.2.2.2). */
        UNAUTHORIZED_SIGNER,
        /** The nonce is missing or differs from the request's (section 4.4.1). */
        NONCE_MISMATCH,
        /** No SingleResponse for the CertID asked (section 4.1.1). */
        CERT_ID_MISMATCH,
        /** thisUpdate in the future, or nextUpdate passed (section 4.2.2.1 / RFC 5019 section 4). */
        NOT_CURRENT
    }

    private final Kind kind;

    public OcspException(Kind kind, String message) {
        super(kind + ": " + message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
