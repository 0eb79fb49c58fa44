package jp.jpkigate.revocation.service;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import jp.jpkigate.revocation.ocsp.OcspIssuer;
import jp.jpkigate.revocation.source.CrlDownloader;

/**
 * Settings of the revocation service and its ingest.
 *
 * @param grace               how long after a CRL's nextUpdate its data still counts as fresh (RFC 5280
 *                            section 5.1.2.5; J-LIS publishes daily, so a late CRL is tolerated this long)
 * @param staleCrlAcceptedFor the named uses that explicitly accept stale CRL data when OCSP gives no
 *                            answer (see {@link DefaultRevocationService#forUse}); empty by default:
 *                            every use fails closed
 * @param ocspIssuers         where to ask OCSP, per CA generation; an issuer without one has no fallback
 * @param ocspTimeout         the whole OCSP exchange
 * @param maxClockSkew        tolerated skew for CRL thisUpdate and OCSP thisUpdate / nextUpdate
 * @param ocspCacheSize       the most OCSP answers kept
 * @param download            CRL download limits
 */
public record RevocationServiceOptions(Duration grace, Set<String> staleCrlAcceptedFor, List<OcspIssuer> ocspIssuers,
                                       Duration ocspTimeout, Duration maxClockSkew, long ocspCacheSize,
                                       CrlDownloader.Options download) {
    public RevocationServiceOptions {
        Objects.requireNonNull(grace, "grace");
        staleCrlAcceptedFor = Set.copyOf(staleCrlAcceptedFor);
        ocspIssuers = List.copyOf(ocspIssuers);
        Objects.requireNonNull(ocspTimeout, "ocspTimeout");
        Objects.requireNonNull(maxClockSkew, "maxClockSkew");
        Objects.requireNonNull(download, "download");
        if (grace.isNegative() || maxClockSkew.isNegative() || ocspTimeout.isNegative() || ocspTimeout.isZero()
                || ocspCacheSize <= 0) {
            throw new IllegalArgumentException("grace and skew must not be negative, the OCSP timeout and cache size positive");
        }
    }

    /** Grace 1 h, nobody accepts stale data, no OCSP, OCSP timeout 2 s, skew 5 min, 100 000 OCSP answers. */
    public static RevocationServiceOptions defaults() {
        return new RevocationServiceOptions(Duration.ofHours(1), Set.of(), List.of(), Duration.ofSeconds(2),
                Duration.ofMinutes(5), 100_000, CrlDownloader.Options.defaults());
    }

    public RevocationServiceOptions withGrace(Duration value) {
        return new RevocationServiceOptions(value, staleCrlAcceptedFor, ocspIssuers, ocspTimeout, maxClockSkew,
                ocspCacheSize, download);
    }

    public RevocationServiceOptions withStaleCrlAcceptedFor(Set<String> value) {
        return new RevocationServiceOptions(grace, value, ocspIssuers, ocspTimeout, maxClockSkew, ocspCacheSize, download);
    }

    public RevocationServiceOptions withOcspIssuers(List<OcspIssuer> value) {
        return new RevocationServiceOptions(grace, staleCrlAcceptedFor, value, ocspTimeout, maxClockSkew, ocspCacheSize,
                download);
    }

    public RevocationServiceOptions withOcspTimeout(Duration value) {
        return new RevocationServiceOptions(grace, staleCrlAcceptedFor, ocspIssuers, value, maxClockSkew, ocspCacheSize,
                download);
    }
}
