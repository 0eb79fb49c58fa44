package jp.jpkigate.revocation.crl;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What an index was built from: the last CRL applied (complete, or a delta on top of one).
 *
 * @param issuer                   DER issuer Name (RFC 5280 section 5.1.2.3)
 * @param authorityKeyId           AuthorityKeyIdentifier keyIdentifier (section 5.2.1), may be null
 * @param crlNumber                CRLNumber of the last CRL applied (section 5.2.3)
 * @param completeCrlNumber        CRLNumber of the complete CRL the index started from
 * @param thisUpdate               thisUpdate of the last CRL applied
 * @param nextUpdate               its nextUpdate, null if absent
 * @param issuingDistributionPoint raw IssuingDistributionPoint (section 5.2.5): the partition, may be null
 * @param entryCount               revokedCertificates entries in the last CRL applied
 */
public record CrlMetadata(byte[] issuer, byte[] authorityKeyId, BigInteger crlNumber, BigInteger completeCrlNumber,
        Instant thisUpdate, Instant nextUpdate, byte[] issuingDistributionPoint, long entryCount) {
    public CrlMetadata {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(crlNumber, "crlNumber");
        Objects.requireNonNull(completeCrlNumber, "completeCrlNumber");
        Objects.requireNonNull(thisUpdate, "thisUpdate");
    }

    /**
     * Whether the data is too old to rely on at {@code now}: later than nextUpdate plus
     * {@code grace} (section 5.1.2.5: "the date by which the next CRL will be issued"). Without a
     * nextUpdate, thisUpdate plus {@code grace} is the limit.
     */
    public boolean stale(Instant now, Duration grace) {
        Instant limit = (nextUpdate != null ? nextUpdate : thisUpdate).plus(grace);
        return now.isAfter(limit);
    }
}
