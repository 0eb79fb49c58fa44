package jp.jpkigate.revocation.crl;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Optional;

/**
 * Header and extension fields of a parsed CRL (RFC 5280 section 5.1.2 and 5.2). Byte arrays are
 * the parser's own copies.
 *
 * @param version                 1 (v1, version absent) or 2 (v2)
 * @param signatureAlgorithmOid   dotted OID of the signature algorithm (section 5.1.1.2)
 * @param issuer                  DER encoding of the issuer Name (section 5.1.2.3)
 * @param thisUpdate              section 5.1.2.4
 * @param nextUpdate              section 5.1.2.5, null if absent
 * @param crlNumber               CRLNumber extension (section 5.2.3), null if absent
 * @param deltaBaseCrlNumber      BaseCRLNumber of the DeltaCRLIndicator (section 5.2.4), null for a complete CRL
 * @param authorityKeyId          keyIdentifier of AuthorityKeyIdentifier (section 5.2.1), null if absent
 * @param issuingDistributionPoint extnValue octets of IssuingDistributionPoint (section 5.2.5), null if absent
 * @param entryCount              number of revokedCertificates entries
 */
public record CrlInfo(int version, String signatureAlgorithmOid, byte[] issuer, Instant thisUpdate,
        Instant nextUpdate, BigInteger crlNumber, BigInteger deltaBaseCrlNumber, byte[] authorityKeyId,
        byte[] issuingDistributionPoint, long entryCount) {

    /** Whether this is a delta CRL (carries a DeltaCRLIndicator). */
    public boolean isDelta() {
        return deltaBaseCrlNumber != null;
    }

    public Optional<Instant> nextUpdateIfPresent() {
        return Optional.ofNullable(nextUpdate);
    }
}
