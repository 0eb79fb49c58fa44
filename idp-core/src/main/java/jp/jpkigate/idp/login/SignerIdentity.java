package jp.jpkigate.idp.login;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.idp.jpki.FourInformation;
import jp.jpkigate.idp.jpki.JpkiCertificateType;
import jp.jpkigate.idp.jpki.VerifiedCertificate;

/**
 * Who signed a login, as kept after verification: the certificate's type, serial and issuing trust
 * anchor (enough to derive the pairwise subject and to follow a renewal), the time of the check,
 * and the basic 4 information only when the login asked for them. The 4 information live in the
 * transaction and then in the authorization code only, until
 * {@code /token} turns them into claims; nothing else keeps them. The store keeps a transaction at
 * most 12 minutes (its 5, the continue grace, the time to decide on the consent page) and a code 60 s.
 *
 * @param type            the certificate type (which purpose, which device)
 * @param serial          the certificate serial number
 * @param issuerAnchorId  the trust anchor id, e.g. {@code jlis:auth_ca_2023}
 * @param authTime        when the verification completed (OIDC {@code auth_time})
 * @param fourInformation present exactly for a signature-certificate login that requested them
 */
public record SignerIdentity(JpkiCertificateType type, BigInteger serial, String issuerAnchorId, Instant authTime,
                             Optional<FourInformation> fourInformation) {
    public SignerIdentity {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(issuerAnchorId, "issuerAnchorId");
        Objects.requireNonNull(authTime, "authTime");
        Objects.requireNonNull(fourInformation, "fourInformation");
    }

    /** What a login keeps of a verified certificate. */
    public static SignerIdentity of(VerifiedCertificate verified, CertificateRequirement requirement) {
        return new SignerIdentity(verified.type(), verified.serial(), verified.issuer().id(),
                verified.revocationCheckedAt(),
                requirement.yieldsFourInformation() ? verified.fourInformation() : Optional.empty());
    }

    /** This identity without the 4 information. */
    public SignerIdentity withoutFourInformation() {
        return new SignerIdentity(type, serial, issuerAnchorId, authTime, Optional.empty());
    }

    /**
     * RFC 8176 authentication methods: {@code sc} (smart card) for a My Number card or {@code hwk}
     * (hardware-secured key) for a phone's secure element, and {@code pin} — RFC 8176 defines it as
     * a PIN or pattern "that a user enters to unlock a key on the device", which both the 4-digit PIN
     * and the signature password are.
     */
    public List<String> amr() {
        return List.of(type.device() == JpkiCertificateType.Device.CARD ? "sc" : "hwk", "pin");
    }

    /** The ACR this login meets: JPKI user authentication, or JPKI signature (identity verification). */
    public String acr() {
        return type.isSignature() ? LoginAcr.SIGNATURE : LoginAcr.AUTHENTICATION;
    }

    @Override
    public String toString() {
        // Never prints the 4 information.
        return "SignerIdentity[" + type + ", serial " + serial.toString(16) + ", " + issuerAnchorId + "]";
    }
}
