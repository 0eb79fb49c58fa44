package jp.jpkigate.sim.http;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.sim.ca.SimCa;
import jp.jpkigate.sim.registry.SerialLinkage;
import jp.jpkigate.sim.registry.SimRegistry;
import jp.jpkigate.sim.revocation.RevocationLog;

/**
 * What the simulated J-LIS publishes from: the CA generations, the revocation log, the renewal
 * linkage, the clock. The server reads them on every request, so a registry that adds CAs, events
 * or certificates is seen at once.
 * Implementations must be thread-safe (they are read from worker threads).
 */
public interface SimPublisherSources {
    /** Every CA generation served, all kinds. */
    List<SimCa> cas();

    RevocationLog log();

    /** The old → new serial linkage of renewed certificates ({@link SerialLinkage#NONE} without a registry). */
    SerialLinkage linkage();

    /** The time of CRLs and OCSP responses. */
    Clock clock();

    /** The CA generation with this id, e.g. {@code sign-2026}. */
    default Optional<SimCa> ca(String id) {
        return cas().stream().filter(ca -> ca.id().equals(id)).findFirst();
    }

    /** A registry's CA generations, with its revocation log and linkage read live. */
    static SimPublisherSources of(SimRegistry registry, Clock clock) {
        return of(registry.cas().all(), registry, registry, clock);
    }

    /** Fixed CA generations and a revocation log, without linkage. */
    static SimPublisherSources of(List<SimCa> cas, RevocationLog log, Clock clock) {
        return of(cas, log, SerialLinkage.NONE, clock);
    }

    /** Fixed sources. */
    static SimPublisherSources of(List<SimCa> cas, RevocationLog log, SerialLinkage linkage, Clock clock) {
        List<SimCa> copy = List.copyOf(cas);
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(linkage, "linkage");
        Objects.requireNonNull(clock, "clock");
        return new SimPublisherSources() {
            @Override
            public List<SimCa> cas() {
                return copy;
            }

            @Override
            public RevocationLog log() {
                return log;
            }

            @Override
            public SerialLinkage linkage() {
                return linkage;
            }

            @Override
            public Clock clock() {
                return clock;
            }
        };
    }
}
