package jp.jpkigate.revocation.cache;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import jp.jpkigate.revocation.crl.CrlSnapshot;
import jp.jpkigate.revocation.service.IssuerInfo;
import jp.jpkigate.revocation.service.IssuerKey;
import jp.jpkigate.revocation.service.RevocationChange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-memory revocation data of every covered CA generation: an immutable map of immutable
 * {@link IssuerState}s behind one volatile reference. Readers ({@link #lookup}, {@link #issuers})
 * do a single volatile read and never lock; writers (ingests on worker threads, snapshots installed
 * from the shared store) serialise on this object and swap a new map in.
 *
 * <p>Data versions: a source's version is the CRLNumber (RFC 5280 section 5.2.3) of the last CRL
 * applied, reduced to its low 63 bits ({@link #versionOf}), so every replica that applied the same
 * CRL, or installed a snapshot of it, reports the same version.
 */
public final class RevocationCache {
    private static final Logger LOG = LoggerFactory.getLogger(RevocationCache.class);

    private volatile Map<IssuerKey, IssuerState> issuers = Map.of();
    private final List<CacheListener> listeners = new CopyOnWriteArrayList<>();

    /** Declares a CRL source of a CA generation (idempotent); the issuer counts as covered from now on. */
    public synchronized void register(X509Certificate ca, String name, String sourceId, Optional<String> partition) {
        IssuerKey key = IssuerKeys.keyOf(ca);
        Optional<IssuerState> owner = find(sourceId);
        if (owner.isPresent() && !owner.get().key().equals(key)) {
            throw new IllegalArgumentException("source " + sourceId + " already belongs to issuer " + owner.get().name());
        }
        IssuerState state = issuers.get(key);
        if (state == null) {
            state = new IssuerState(key, ca, name, Map.of());
        }
        if (!state.sources().containsKey(sourceId)) {
            publish(state.withSource(new SourceData(sourceId, partition, Optional.empty(), 0)));
        }
    }

    public void addListener(CacheListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** The status of a serial of an issuer at {@code now}, with data older than nextUpdate + {@code grace} stale. */
    public CacheAnswer lookup(IssuerKey issuer, BigInteger serial, Instant now, Duration grace) {
        IssuerState state = issuers.get(issuer);
        if (state == null) {
            return new CacheAnswer.NotCovered("no CRL source is configured for issuer key " + issuer);
        }
        return state.lookup(serial, now, grace);
    }

    public Optional<IssuerState> issuer(IssuerKey key) {
        return Optional.ofNullable(issuers.get(key));
    }

    public List<IssuerInfo> issuers() {
        return issuers.values().stream().map(IssuerState::info).toList();
    }

    /** The data in force for a source, the base of its next delta CRL. */
    public Optional<CrlSnapshot> current(String sourceId) {
        return find(sourceId).flatMap(state -> state.sources().get(sourceId).snapshot());
    }

    /**
     * Installs a snapshot made elsewhere (loaded from the shared store). O(1): no diff is computed,
     * the changes were announced by the replica that ingested the CRL. Refused (false) when the
     * source already holds a CRL with a higher number, or the same number and version.
     *
     * @throws IllegalArgumentException for an unknown source, or a snapshot of another CA key
     */
    public synchronized boolean install(String sourceId, CrlSnapshot snapshot, long version) {
        IssuerState state = find(sourceId)
                .orElseThrow(() -> new IllegalArgumentException("unknown CRL source " + sourceId));
        byte[] aki = snapshot.metadata().authorityKeyId();
        if (aki != null && !Arrays.equals(aki, state.key().bytes())) {
            throw new IllegalArgumentException("snapshot for source " + sourceId + " is of another CA key");
        }
        SourceData data = state.sources().get(sourceId);
        if (data.snapshot().isPresent()) {
            int cmp = snapshot.metadata().crlNumber().compareTo(data.snapshot().get().metadata().crlNumber());
            if (cmp < 0 || (cmp == 0 && version <= data.version())) {
                return false;
            }
        }
        publish(state.withSource(data.with(snapshot, version)));
        notify(new CacheUpdate(sourceId, state.key(), snapshot, version, List.of(), CacheUpdate.Origin.INSTALLED));
        return true;
    }

    /**
     * Swaps in the result of a local ingest made from {@code previous}, and reports the changes
     * between the two. Computing the diff walks both indexes: call it on a worker thread. If
     * another snapshot replaced {@code previous} meanwhile, the newer CRL wins.
     */
    public List<RevocationChange> ingested(String sourceId, CrlSnapshot previous, CrlSnapshot next, Instant seenAt) {
        IssuerState state = find(sourceId)
                .orElseThrow(() -> new IllegalArgumentException("unknown CRL source " + sourceId));
        List<RevocationChange> changes = previous == null ? List.of()
                : IndexDiff.changes(state.key(), previous.index(), next.index(), seenAt);
        long version = versionOf(next);
        synchronized (this) {
            SourceData data = issuers.get(state.key()).sources().get(sourceId);
            Optional<CrlSnapshot> now = data.snapshot();
            if (now.isPresent() && now.get() != previous
                    && now.get().metadata().crlNumber().compareTo(next.metadata().crlNumber()) >= 0) {
                LOG.info("CRL source {}: a newer snapshot was installed during the ingest; keeping it", sourceId);
                return List.of();
            }
            publish(issuers.get(state.key()).withSource(data.with(next, version)));
        }
        notify(new CacheUpdate(sourceId, state.key(), next, version, changes, CacheUpdate.Origin.INGESTED));
        return changes;
    }

    /** The version of a snapshot: the low 63 bits of its CRLNumber. */
    public static long versionOf(CrlSnapshot snapshot) {
        return snapshot.metadata().crlNumber().longValue() & Long.MAX_VALUE;
    }

    private Optional<IssuerState> find(String sourceId) {
        return issuers.values().stream().filter(s -> s.sources().containsKey(sourceId)).findFirst();
    }

    private void publish(IssuerState state) {
        Map<IssuerKey, IssuerState> next = new LinkedHashMap<>(issuers);
        next.put(state.key(), state);
        issuers = java.util.Collections.unmodifiableMap(next);
    }

    private void notify(CacheUpdate update) {
        for (CacheListener listener : listeners) {
            try {
                listener.updated(update);
            } catch (RuntimeException e) {
                LOG.warn("a cache listener failed on source {}: {}", update.sourceId(), e.toString());
            }
        }
    }
}
