package jp.jpkigate.sim.crl;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jp.jpkigate.sim.ca.Municipality;
import jp.jpkigate.sim.revocation.Reason;
import jp.jpkigate.sim.revocation.RevocationEvent;
import jp.jpkigate.sim.revocation.RevocationLog;

/** A thread-safe in-memory {@link RevocationLog} for tests: one sequence per CA generation. */
public final class InMemoryRevocationLog implements RevocationLog {
    private final Map<String, List<RevocationEvent>> events = new HashMap<>();
    private final Set<String> issued = new HashSet<>();

    public synchronized void issued(String caId, long serial) {
        issued.add(caId + "#" + serial);
    }

    /** Appends an event and returns its sequence. */
    public synchronized long record(String caId, long serial, Municipality partition, Instant at, Reason reason) {
        issued(caId, serial);
        List<RevocationEvent> list = events.computeIfAbsent(caId, id -> new ArrayList<>());
        long sequence = list.size() + 1L;
        list.add(new RevocationEvent(sequence, caId, BigInteger.valueOf(serial), partition, at, reason));
        return sequence;
    }

    @Override
    public synchronized List<RevocationEvent> events(String caId) {
        return List.copyOf(events.getOrDefault(caId, List.of()));
    }

    @Override
    public synchronized boolean issued(String caId, BigInteger serial) {
        return issued.contains(caId + "#" + serial);
    }
}
