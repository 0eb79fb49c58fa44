package jp.jpkigate.sim.crl;

import java.time.Instant;
import java.util.Objects;

/**
 * One signed CRL as published.
 *
 * @param scope      what it covers
 * @param number     its CRL number (RFC 5280 5.2.3)
 * @param base       for a delta CRL the base CRL number of its DeltaCRLIndicator (RFC 5280 5.2.4), else null
 * @param thisUpdate its thisUpdate (RFC 5280 5.1.2.4)
 * @param nextUpdate its nextUpdate (RFC 5280 5.1.2.5)
 * @param entries    how many revokedCertificates entries it lists
 * @param der        the DER CertificateList
 */
public record PublishedCrl(CrlScope scope, CrlNumber number, CrlNumber base, Instant thisUpdate, Instant nextUpdate,
                           int entries, byte[] der) {
    public PublishedCrl {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(thisUpdate, "thisUpdate");
        Objects.requireNonNull(nextUpdate, "nextUpdate");
        Objects.requireNonNull(der, "der");
    }

    public boolean isDelta() {
        return base != null;
    }
}
