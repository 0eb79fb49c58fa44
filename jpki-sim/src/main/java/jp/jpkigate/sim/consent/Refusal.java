package jp.jpkigate.sim.consent;

/**
 * Why J-LIS refuses a request of the platform operator: the catalogue of the consent registry's
 * errors, each with its HTTP status and problem type ({@code urn:jpki-sim:problem:<type>}).
 */
public enum Refusal {
    /** A field is missing, of the wrong type or out of its range; the body is not a JSON object. */
    MALFORMED(400, "bad-request", "Bad request"),
    /** The certificate was not issued by the simulated J-LIS (unknown issuer, serial or content). */
    UNKNOWN_CERTIFICATE(400, "unknown-certificate", "Certificate not issued by J-LIS"),
    /** A user-authentication certificate where a signature certificate is needed. */
    NOT_SIGNATURE_CERTIFICATE(400, "not-signature-certificate", "Not a signature certificate"),
    /** The signature does not verify over the statement with the certificate's key. */
    BAD_SIGNATURE(400, "bad-signature", "Signature does not verify"),
    /** The signing certificate is revoked or on hold. */
    CERTIFICATE_REVOKED(409, "certificate-revoked", "Certificate revoked"),
    /** The signing certificate's validity has ended. */
    CERTIFICATE_EXPIRED(409, "certificate-expired", "Certificate expired"),
    /** The platform operator's consent id was registered before with other content. */
    CONSENT_ID_CONFLICT(409, "consent-id-conflict", "Consent id already used"),
    /** No consent with this registry id. */
    UNKNOWN_CONSENT(404, "unknown-consent", "Not found"),
    /** The withdrawal is signed with a certificate of someone other than the consenting person. */
    OTHER_PERSON(403, "other-person", "Certificate of another person"),
    /** A withdrawal of a consent that was replaced or expired: there is nothing to withdraw. */
    CONSENT_ENDED(409, "consent-ended", "Consent no longer in force"),
    /** The 4 information of a consent that is withdrawn, replaced or expired. */
    NOT_IN_FORCE(403, "consent-not-in-force", "Consent not in force"),
    /** The 4 information for a certificate that is not a signature certificate of the consenting person. */
    CERTIFICATE_NOT_OF_PERSON(403, "certificate-not-of-person", "Certificate not of the consenting person"),
    /** A changes cursor this registry never gave out. */
    UNKNOWN_CURSOR(400, "unknown-cursor", "Unknown cursor");

    private final int status;
    private final String type;
    private final String title;

    Refusal(int status, String type, String title) {
        this.status = status;
        this.type = type;
        this.title = title;
    }

    public int status() {
        return status;
    }

    /** The problem type slug. */
    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    /** The refusal as an exception with what exactly was wrong (meant for the client). */
    public ConsentRefused refuse(String detail) {
        return new ConsentRefused(this, detail);
    }
}
