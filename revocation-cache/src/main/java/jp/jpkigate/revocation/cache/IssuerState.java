package jp.jpkigate.revocation.cache;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.revocation.crl.CrlMetadata;
import jp.jpkigate.revocation.crl.CrlSnapshot;
import jp.jpkigate.revocation.index.Revocation;
import jp.jpkigate.revocation.index.RevokedSerialIndex;
import jp.jpkigate.revocation.service.IssuerInfo;
import jp.jpkigate.revocation.service.IssuerKey;

/**
 * Everything the cache holds for one CA generation: its certificate and the data of each of its
 * CRL sources (one CA-wide CRL, or several municipality partitions). Immutable; the cache swaps a
 * new instance in for every change.
 *
 * <p>A lookup asks every source of the issuer, since a serial may be listed in any partition
 * (the certificate's distribution point is not trusted to pick one): a fresh source listing the
 * serial answers revoked; otherwise every source must be loaded and fresh to answer good.
 */
public record IssuerState(IssuerKey key, X509Certificate certificate, String name, Map<String, SourceData> sources) {
    public IssuerState {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(name, "name");
        sources = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sources));
    }

    IssuerState withSource(SourceData data) {
        Map<String, SourceData> next = new LinkedHashMap<>(sources);
        next.put(data.sourceId(), data);
        return new IssuerState(key, certificate, name, next);
    }

    /** The status of {@code serial} at {@code now}, data older than nextUpdate + {@code grace} being stale. */
    public CacheAnswer lookup(BigInteger serial, Instant now, Duration grace) {
        if (sources.isEmpty()) {
            return new CacheAnswer.NotCovered("no CRL source is configured for issuer " + name);
        }
        List<String> missing = new ArrayList<>();
        List<String> stale = new ArrayList<>();
        CacheAnswer.Revoked staleRevoked = null;
        Instant oldest = null;
        long version = 0;
        for (SourceData source : sources.values()) {
            Optional<CrlSnapshot> snapshot = source.snapshot();
            if (snapshot.isEmpty()) {
                missing.add(source.sourceId());
                continue;
            }
            CrlMetadata m = snapshot.get().metadata();
            boolean isStale = m.stale(now, grace);
            long status = snapshot.get().index().find(serial);
            if (status != RevokedSerialIndex.NOT_REVOKED) {
                CacheAnswer.Revoked revoked = new CacheAnswer.Revoked(Revocation.fromStatus(status), m.thisUpdate(),
                        source.version());
                if (!isStale) {
                    return revoked;
                }
                staleRevoked = revoked;
            }
            if (isStale) {
                stale.add(source.sourceId() + " (nextUpdate " + (m.nextUpdate() == null ? "absent" : m.nextUpdate())
                        + ", thisUpdate " + m.thisUpdate() + ", grace " + grace + ")");
            }
            oldest = oldest == null || m.thisUpdate().isBefore(oldest) ? m.thisUpdate() : oldest;
            version = Math.max(version, source.version());
        }
        if (!missing.isEmpty()) {
            return new CacheAnswer.NotCovered("no CRL loaded yet for issuer " + name + " from " + missing);
        }
        if (!stale.isEmpty()) {
            CacheAnswer fromStale = staleRevoked != null ? staleRevoked : new CacheAnswer.Good(oldest, version);
            return new CacheAnswer.Stale("the CRL data of issuer " + name + " is stale at " + now + ": " + stale,
                    Optional.of(fromStale));
        }
        return new CacheAnswer.Good(oldest, version);
    }

    /** The data state for operators: the oldest thisUpdate / nextUpdate, total entries, highest version. */
    public IssuerInfo info() {
        Instant thisUpdate = null;
        Instant nextUpdate = null;
        long entries = 0;
        long version = 0;
        boolean complete = true;
        for (SourceData source : sources.values()) {
            if (source.snapshot().isEmpty()) {
                complete = false;
                continue;
            }
            CrlSnapshot s = source.snapshot().get();
            thisUpdate = thisUpdate == null || s.metadata().thisUpdate().isBefore(thisUpdate)
                    ? s.metadata().thisUpdate() : thisUpdate;
            Instant next = s.metadata().nextUpdate();
            nextUpdate = next != null && (nextUpdate == null || next.isBefore(nextUpdate)) ? next : nextUpdate;
            entries += s.index().size();
            version = Math.max(version, source.version());
        }
        return new IssuerInfo(key, certificate, name, Optional.ofNullable(complete ? thisUpdate : null),
                Optional.ofNullable(complete ? nextUpdate : null), entries, version);
    }
}
