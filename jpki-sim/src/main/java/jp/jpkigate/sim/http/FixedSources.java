package jp.jpkigate.sim.http;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.sim.ca.SimCa;
import jp.jpkigate.sim.consent.ConsentRegistry;
import jp.jpkigate.sim.registry.SerialLinkage;
import jp.jpkigate.sim.revocation.RevocationLog;

/** {@link SimPublisherSources} given once ({@link SimPublisherSources#of}); the log, linkage and consents may still be live. */
record FixedSources(List<SimCa> cas, RevocationLog log, SerialLinkage linkage, Clock clock,
                    Optional<ConsentRegistry> consents) implements SimPublisherSources {
    FixedSources {
        cas = List.copyOf(cas);
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(linkage, "linkage");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(consents, "consents");
    }
}
