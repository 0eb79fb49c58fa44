package jp.jpkigate.revocation.web;

import io.vertx.core.Future;
import java.math.BigInteger;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.revocation.service.CheckResult;
import jp.jpkigate.revocation.service.IssuerKey;
import jp.jpkigate.revocation.service.RevocationService;

/** One certificate to check: given whole, or as issuer key id and serial number. */
public sealed interface CheckItem {
    BigInteger serial();

    /** The issuer's key identifier, if known (from the certificate's AuthorityKeyIdentifier). */
    Optional<IssuerKey> issuer();

    /**
     * The answer without waiting ({@link RevocationService#checkNow}), or null when only
     * {@link #check} can give it (an OCSP query).
     */
    CheckResult checkNow(RevocationService service);

    /** Asks the cache; the future never fails (RevocationService's contract). */
    Future<CheckResult> check(RevocationService service);

    /**
     * A whole certificate: the cache may fall back to OCSP for it. Holds its DER, checked by
     * {@link CertificateDer}; the JDK's {@link X509Certificate} is decoded only when needed.
     */
    final class OfCertificate implements CheckItem {
        private final byte[] der;
        private final BigInteger serial;
        private final IssuerKey issuer;

        OfCertificate(CertificateDer certificate) {
            this(certificate, certificate.authorityKeyId == null ? null : IssuerKey.of(certificate.authorityKeyId));
        }

        /** {@code issuer}: the key of the certificate's AuthorityKeyIdentifier keyIdentifier, already made. */
        OfCertificate(CertificateDer certificate, IssuerKey issuer) {
            this.der = certificate.der;
            this.serial = certificate.serial;
            this.issuer = issuer;
        }

        @Override
        public BigInteger serial() {
            return serial;
        }

        /** RFC 5280 4.2.1.1 keyIdentifier of the AuthorityKeyIdentifier extension, when present and well-formed. */
        @Override
        public Optional<IssuerKey> issuer() {
            return Optional.ofNullable(issuer);
        }

        @Override
        public CheckResult checkNow(RevocationService service) {
            return service.checkNow(issuer, serial, true);
        }

        @Override
        public Future<CheckResult> check(RevocationService service) {
            X509Certificate certificate;
            try {
                certificate = certificate();
            } catch (CertificateException e) {
                return Future.succeededFuture(new CheckResult.Unknown("revocation check failed: " + e.getClass().getSimpleName()));
            }
            return service.check(certificate);
        }

        /** The JDK's decoding of the certificate. */
        public X509Certificate certificate() throws CertificateException {
            return CertificateDer.toX509Certificate(der);
        }
    }

    /** An issuer key id and a serial number (no certificate: no OCSP fallback). */
    record OfSerial(IssuerKey key, BigInteger serial) implements CheckItem {
        public OfSerial {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(serial, "serial");
        }

        @Override
        public Optional<IssuerKey> issuer() {
            return Optional.of(key);
        }

        @Override
        public CheckResult checkNow(RevocationService service) {
            return service.checkNow(key, serial, false);
        }

        @Override
        public Future<CheckResult> check(RevocationService service) {
            return service.check(key, serial);
        }
    }
}
