package jp.jpkigate.revocation.service;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A CA generation the cache covers and the state of its data.
 *
 * @param key         the CA's key identifier
 * @param certificate the CA certificate (OCSP CertIDs hash its name and key)
 * @param name        a short label for operators, e.g. {@code sign-2026}
 * @param thisUpdate  thisUpdate of the loaded CRL data, empty before the first load
 * @param nextUpdate  nextUpdate of the loaded CRL data, empty if none or not loaded
 * @param entries     revoked serials in the loaded data
 * @param version     data version of the loaded data (0 before the first load)
 */
public record IssuerInfo(IssuerKey key, X509Certificate certificate, String name, Optional<Instant> thisUpdate,
                         Optional<Instant> nextUpdate, long entries, long version) {
    public IssuerInfo {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(thisUpdate, "thisUpdate");
        Objects.requireNonNull(nextUpdate, "nextUpdate");
    }
}
