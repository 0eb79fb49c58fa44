package jp.jpkigate.sim.registry;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import jp.jpkigate.sim.ca.CaKind;
import jp.jpkigate.sim.ca.KeyAlgorithm;
import jp.jpkigate.sim.ca.SimCa;

/** The CA generations of the simulated J-LIS, both hierarchies, every algorithm. */
public final class SimCas {
    private final List<SimCa> all;

    public SimCas(List<SimCa> cas) {
        this.all = cas.stream().sorted(Comparator.comparing(SimCa::id)).toList();
    }

    public List<SimCa> all() {
        return all;
    }

    public SimCa byId(String id) {
        return find(id).orElseThrow(() -> new NotFoundException("no CA " + id));
    }

    public Optional<SimCa> find(String id) {
        return all.stream().filter(ca -> ca.id().equals(id)).findFirst();
    }

    /** The newest generation of a hierarchy with this algorithm that is valid at {@code now}: it issues new certificates. */
    public SimCa current(CaKind kind, KeyAlgorithm algorithm, Instant now) {
        return all.stream()
                .filter(ca -> ca.kind() == kind && ca.algorithm() == algorithm && ca.validAt(now))
                .max(Comparator.comparingInt(SimCa::generation))
                .orElseThrow(() -> new ConflictException("no " + algorithm + " " + kind.shortName()
                        + " CA is valid now (run init, with --ec for P-384)"));
    }
}
