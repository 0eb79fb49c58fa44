package jp.jpkigate.sim.http;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import jp.jpkigate.sim.ca.SimCa;
import jp.jpkigate.sim.consent.ConsentRegistry;
import jp.jpkigate.sim.consent.MemoryConsentStore;
import jp.jpkigate.sim.registry.SerialLinkage;
import jp.jpkigate.sim.registry.SimRegistry;
import jp.jpkigate.sim.revocation.RevocationLog;

/**
 * What the simulated J-LIS publishes from: the CA generations, the revocation log, the renewal
 * linkage, the clock, and (with a registry) the consent registry of the latest-4-information service.
 * The server reads them on every request, so a registry that adds CAs, events or certificates is
 * seen at once.
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

    /** The consent registry behind the {@code /jlis/...} API; empty (no such routes) without a registry. */
    default Optional<ConsentRegistry> consents() {
        return Optional.empty();
    }

    /** The CA generation with this id, e.g. {@code sign-2026}. */
    default Optional<SimCa> ca(String id) {
        return cas().stream().filter(ca -> ca.id().equals(id)).findFirst();
    }

    /** A registry's CA generations, with its revocation log and linkage read live, and a consent registry in memory. */
    static SimPublisherSources of(SimRegistry registry, Clock clock) {
        return of(registry, new ConsentRegistry(() -> registry, new MemoryConsentStore(), clock), clock);
    }

    /** A registry's CA generations, with its revocation log and linkage read live, and a consent registry. */
    static SimPublisherSources of(SimRegistry registry, ConsentRegistry consents, Clock clock) {
        return new FixedSources(registry.cas().all(), registry, registry, clock, Optional.of(consents));
    }

    /** Fixed CA generations and a revocation log, without linkage. */
    static SimPublisherSources of(List<SimCa> cas, RevocationLog log, Clock clock) {
        return of(cas, log, SerialLinkage.NONE, clock);
    }

    /** Fixed sources, without consent registry. */
    static SimPublisherSources of(List<SimCa> cas, RevocationLog log, SerialLinkage linkage, Clock clock) {
        return new FixedSources(cas, log, linkage, clock, Optional.empty());
    }
}
