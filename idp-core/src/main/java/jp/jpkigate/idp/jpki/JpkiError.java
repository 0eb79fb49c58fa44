package jp.jpkigate.idp.jpki;

/**
 * Why a JPKI verification failed: a closed catalogue, each entry with a stable snake_case code
 * for protocol responses and logs, and a human description that names no key material.
 */
public enum JpkiError {
    /** Structural failure: the bytes are not a certificate, or its JPKI content is unusable. */
    MALFORMED_CERTIFICATE("malformed_certificate",
            "The certificate is not a well-formed DER X.509 certificate, or its JPKI content "
                    + "(such as the basic 4 information of a signature certificate) is missing or invalid."),
    /** RFC 5280 section 6.1.3 (a)(1): the certificate signature does not verify with any configured root. */
    UNTRUSTED_ISSUER("untrusted_issuer",
            "The certificate was not issued by a configured JPKI root: no trust anchor whose key matches "
                    + "the certificate's authority key identifier verifies its signature."),
    /** RFC 5280 section 4.1.2.5: the verification time is after notAfter (of the certificate or its root). */
    CERTIFICATE_EXPIRED("certificate_expired",
            "The certificate, or the root certificate that issued it, expired before the verification time."),
    /** RFC 5280 section 4.1.2.5: the verification time is before notBefore (of the certificate or its root). */
    NOT_YET_VALID("not_yet_valid",
            "The certificate, or the root certificate that issued it, is not yet valid at the verification time."),
    /** A valid JPKI certificate, but not the kind the caller asked for. */
    WRONG_CERTIFICATE_TYPE("wrong_certificate_type",
            "The certificate is a JPKI certificate of another type than the one requested "
                    + "(signature versus user authentication, or card versus phone)."),
    /** RFC 5280 sections 4.2.1.3 / 4.2.1.4: no known JPKI policy, or the profile is not followed. */
    POLICY_MISMATCH("policy_mismatch",
            "The certificate carries no known JPKI certificate policy, or does not follow the JPKI certificate "
                    + "profile (critical key usage, key algorithm, critical extensions)."),
    /** The card's signature does not verify over the signed bytes. */
    SIGNATURE_MISMATCH("signature_mismatch",
            "The signature does not verify over the signed bytes with the certificate's public key."),
    /** The revocation source reports the certificate revoked or on hold. */
    CERTIFICATE_REVOKED("certificate_revoked",
            "The certificate has been revoked or put on hold by its issuer."),
    /** The revocation source gave no answer (failure, timeout or unknown): verification fails closed. */
    REVOCATION_UNKNOWN("revocation_unknown",
            "The revocation status of the certificate could not be determined in time; verification fails closed.");

    private final String code;
    private final String description;

    JpkiError(String code, String description) {
        this.code = code;
        this.description = description;
    }

    /** The stable snake_case code, e.g. {@code untrusted_issuer}. */
    public String code() {
        return code;
    }

    /** A precise human description of the failure class. */
    public String description() {
        return description;
    }

    /** The entry with this code. */
    public static JpkiError fromCode(String code) {
        for (JpkiError error : values()) {
            if (error.code.equals(code)) {
                return error;
            }
        }
        throw new IllegalArgumentException("unknown JPKI error code '" + code + "'");
    }
}
