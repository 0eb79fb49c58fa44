package jp.jpkigate.idp.jpki;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A fully verified JPKI certificate and signature, with what an eKYC record must keep (犯収法施行規則
 * 6条1項1号): the certificate, the result, and the time of the revocation check.
 *
 * @param type                the JPKI certificate type, from its policy OID
 * @param serial              the certificate serial number
 * @param issuer              the trust anchor that issued it (id and SHA-256 fingerprint)
 * @param subjectDn           the subject DN in RFC 2253 form
 * @param notBefore           start of validity
 * @param notAfter            end of validity
 * @param certificate         the certificate itself
 * @param fourInformation     the basic 4 information, present exactly for signature certificates
 * @param verifiedAt          the clock time the offline checks ran at
 * @param revocationCheckedAt the clock time the revocation answer arrived
 * @param revocationDataAsOf  how current the revocation source's data was ({@link RevocationStatus.Good#asOf()})
 */
public record VerifiedCertificate(JpkiCertificateType type, BigInteger serial, TrustAnchor issuer, String subjectDn,
                                  Instant notBefore, Instant notAfter, X509Certificate certificate,
                                  Optional<FourInformation> fourInformation, Instant verifiedAt,
                                  Instant revocationCheckedAt, Instant revocationDataAsOf) {
    public VerifiedCertificate {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(subjectDn, "subjectDn");
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(fourInformation, "fourInformation");
        Objects.requireNonNull(verifiedAt, "verifiedAt");
        Objects.requireNonNull(revocationCheckedAt, "revocationCheckedAt");
        Objects.requireNonNull(revocationDataAsOf, "revocationDataAsOf");
    }

    /** The offline result completed by a good revocation answer received at {@code checkedAt}. */
    public static VerifiedCertificate of(OfflineVerification offline, RevocationStatus.Good status, Instant checkedAt) {
        return new VerifiedCertificate(offline.type(), offline.serial(), offline.issuer(), offline.subjectDn(),
                offline.notBefore(), offline.notAfter(), offline.certificate(), offline.fourInformation(),
                offline.verifiedAt(), checkedAt, status.asOf());
    }
}
