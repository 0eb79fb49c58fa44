package jp.jpkigate.idp.jpki;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A certificate and signature that passed every offline check (parse, chain, validity, profile,
 * signature) but whose revocation status has not been asked yet.
 *
 * @param type            the JPKI certificate type, from its policy OID
 * @param serial          the certificate serial number
 * @param issuer          the trust anchor that issued it
 * @param subjectDn       the subject DN in RFC 2253 form
 * @param notBefore       start of validity
 * @param notAfter        end of validity
 * @param certificate     the certificate itself
 * @param fourInformation the basic 4 information, present exactly for signature certificates
 * @param verifiedAt      the clock time the validity was checked at
 */
public record OfflineVerification(JpkiCertificateType type, BigInteger serial, TrustAnchor issuer, String subjectDn,
                                  Instant notBefore, Instant notAfter, X509Certificate certificate,
                                  Optional<FourInformation> fourInformation, Instant verifiedAt) {
    public OfflineVerification {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(subjectDn, "subjectDn");
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(fourInformation, "fourInformation");
        Objects.requireNonNull(verifiedAt, "verifiedAt");
    }
}
