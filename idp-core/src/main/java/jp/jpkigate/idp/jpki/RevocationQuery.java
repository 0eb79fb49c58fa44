package jp.jpkigate.idp.jpki;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Objects;

/**
 * One revocation question: is this certificate, issued by this anchor, revoked at this time? The
 * anchor gives what an OCSP CertID (RFC 6960 section 4.1.1) or a CRL partition needs: the
 * issuer's name and key; the certificate gives the serial and its CRL distribution point.
 *
 * @param certificate the subscriber certificate, already chained and profile-checked
 * @param issuer      the root that issued it
 * @param type        its JPKI type
 * @param at          the verification time
 */
public record RevocationQuery(X509Certificate certificate, TrustAnchor issuer, JpkiCertificateType type, Instant at) {
    public RevocationQuery {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(at, "at");
    }

    public BigInteger serial() {
        return certificate.getSerialNumber();
    }
}
