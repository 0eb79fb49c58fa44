package jp.jpkigate.sim.crl;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import jp.jpkigate.sim.revocation.RevocationEvent;
import jp.jpkigate.sim.revocation.RevocationLog;

/**
 * Publishes full and delta CRLs (RFC 5280 5.2.4) of CA generations and their municipality partitions
 * from a {@link RevocationLog}. Numbering: {@link CrlNumber}. Time comes from the injected clock:
 * thisUpdate = now, nextUpdate = now + {@code validity} (24 h by default, J-LIS publishes daily).
 *
 * <p>A published CRL is reused while the CA's log has no new event and it is younger than
 * {@code reissueAfter} (1 h by default), so HTTP validators (ETag / Last-Modified) stay stable and
 * conditional GETs hit. Thread-safe; building may be slow for big logs, so call it off the event loop.
 */
public final class CrlPublisher {
    public static final Duration DEFAULT_VALIDITY = Duration.ofHours(24);
    public static final Duration DEFAULT_REISSUE_AFTER = Duration.ofHours(1);
    private static final int CACHED = 256;

    private final RevocationLog log;
    private final Clock clock;
    private final Duration validity;
    private final Duration reissueAfter;
    private final Map<String, PublishedCrl> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PublishedCrl> eldest) {
            return size() > CACHED;
        }
    };

    public CrlPublisher(RevocationLog log, Clock clock) {
        this(log, clock, DEFAULT_VALIDITY, DEFAULT_REISSUE_AFTER);
    }

    public CrlPublisher(RevocationLog log, Clock clock, Duration validity, Duration reissueAfter) {
        this.log = Objects.requireNonNull(log, "log");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (validity.isNegative() || validity.isZero() || reissueAfter.isNegative()) {
            throw new IllegalArgumentException("validity must be positive and reissueAfter not negative");
        }
        this.validity = validity;
        this.reissueAfter = reissueAfter;
    }

    /** The complete CRL of the scope: every serial revoked or on hold now (released holds are absent). */
    public PublishedCrl full(CrlScope scope) {
        List<RevocationEvent> events = log.events(scope.ca().id());
        return cached(scope + "#full", events, now -> {
            RevocationState state = RevocationState.replay(events, scope::covers);
            CrlNumber number = CrlNumber.of(state.lastSequence(), now);
            return publish(scope, number, null, now, state.entries().size(),
                    CrlSigner.sign(scope, number, null, now, now.plus(validity), state.entries()));
        });
    }

    /**
     * The delta CRL of the scope against the complete CRL numbered {@code base}: every serial whose
     * status changed after the base, released holds as removeFromCRL (RFC 5280 5.3.1).
     *
     * @throws UnknownBaseCrlException if this CA cannot have issued {@code base} (malformed, from a
     *                                 later log position or from the future); fetch the full CRL instead
     */
    public PublishedCrl delta(CrlScope scope, BigInteger base) {
        List<RevocationEvent> events = log.events(scope.ca().id());
        Instant now = now();
        CrlNumber baseNumber;
        try {
            baseNumber = CrlNumber.decode(base);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new UnknownBaseCrlException(base, "not a CRL number of this simulator");
        }
        long last = lastSequence(events);
        if (baseNumber.sequence() > last || baseNumber.stamp() > now.getEpochSecond()) {
            throw new UnknownBaseCrlException(base, "not issued yet");
        }
        return cached(scope + "#delta-" + base, events, at -> {
            RevocationState state = RevocationState.replay(events, scope::covers);
            List<RevocationState.Entry> changes = state.changesSince(events, baseNumber.sequence(), scope::covers);
            CrlNumber number = CrlNumber.of(state.lastSequence(), at);
            return publish(scope, number, baseNumber, at, changes.size(),
                    CrlSigner.sign(scope, number, baseNumber, at, at.plus(validity), changes));
        });
    }

    private PublishedCrl publish(CrlScope scope, CrlNumber number, CrlNumber base, Instant now, int entries,
                                 byte[] der) {
        return new PublishedCrl(scope, number, base, now, now.plus(validity), entries, der);
    }

    private PublishedCrl cached(String key, List<RevocationEvent> events,
                                java.util.function.Function<Instant, PublishedCrl> build) {
        Instant now = now();
        long last = lastSequence(events);
        synchronized (cache) {
            PublishedCrl hit = cache.get(key);
            if (hit != null && hit.number().sequence() == last && !now.isBefore(hit.thisUpdate())
                    && now.isBefore(hit.thisUpdate().plus(reissueAfter))) {
                return hit;
            }
        }
        PublishedCrl fresh = build.apply(now);
        synchronized (cache) {
            cache.put(key, fresh);
        }
        return fresh;
    }

    /** X.509 times have whole seconds; so does the CRL number's stamp. */
    private Instant now() {
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }

    private static long lastSequence(List<RevocationEvent> events) {
        return events.isEmpty() ? 0 : events.get(events.size() - 1).sequence();
    }
}
