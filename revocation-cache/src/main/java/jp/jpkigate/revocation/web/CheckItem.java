package jp.jpkigate.revocation.web;

import io.vertx.core.Future;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.revocation.service.CheckResult;
import jp.jpkigate.revocation.service.IssuerKey;
import jp.jpkigate.revocation.service.RevocationService;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;

/** One certificate to check: given whole, or as issuer key id and serial number. */
public sealed interface CheckItem {
    BigInteger serial();

    /** The issuer's key identifier, if known (from the certificate's AuthorityKeyIdentifier). */
    Optional<IssuerKey> issuer();

    /** Asks the cache; the future never fails (RevocationService's contract). */
    Future<CheckResult> check(RevocationService service);

    /** A whole certificate: the cache may fall back to OCSP for it. */
    record OfCertificate(X509Certificate certificate) implements CheckItem {
        public OfCertificate {
            Objects.requireNonNull(certificate, "certificate");
        }

        @Override
        public BigInteger serial() {
            return certificate.getSerialNumber();
        }

        /** RFC 5280 4.2.1.1 keyIdentifier of the AuthorityKeyIdentifier extension, when present and well-formed. */
        @Override
        public Optional<IssuerKey> issuer() {
            byte[] extension = certificate.getExtensionValue("2.5.29.35");
            if (extension == null) {
                return Optional.empty();
            }
            try {
                byte[] keyId = AuthorityKeyIdentifier.getInstance(JcaX509ExtensionUtils.parseExtensionValue(extension))
                        .getKeyIdentifierObject().getOctets();
                return Optional.of(IssuerKey.of(keyId));
            } catch (Exception e) {
                return Optional.empty();
            }
        }

        @Override
        public Future<CheckResult> check(RevocationService service) {
            return service.check(certificate);
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
        public Future<CheckResult> check(RevocationService service) {
            return service.check(key, serial);
        }
    }
}
