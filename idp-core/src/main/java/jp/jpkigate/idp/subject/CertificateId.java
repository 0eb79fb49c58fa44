package jp.jpkigate.idp.subject;

import java.math.BigInteger;
import java.util.Objects;

/**
 * A JPKI certificate as the linkage knows it: its issuing CA and serial number.
 *
 * @param issuer the trust anchor id of the issuing CA ({@code jlis:auth_ca_2023}); for a CA the OP
 *               does not trust (an older generation that only appears in a chain of renewals),
 *               {@code sha256:<first 16 hex digits of its certificate's SHA-256 fingerprint>}
 * @param serial the certificate serial number
 */
public record CertificateId(String issuer, BigInteger serial) {
    public CertificateId {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(serial, "serial");
    }

    /** The person key this certificate gives when it is the first of its chain ({@link CertificatePersonKeys}). */
    public String personKey() {
        return CertificatePersonKeys.keyOf(issuer, serial);
    }

    @Override
    public String toString() {
        // The serial stays out of logs.
        return "CertificateId[" + issuer + "]";
    }
}
