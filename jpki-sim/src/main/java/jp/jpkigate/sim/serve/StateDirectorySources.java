package jp.jpkigate.sim.serve;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import jp.jpkigate.sim.ca.SimCa;
import jp.jpkigate.sim.consent.ConsentFile;
import jp.jpkigate.sim.consent.ConsentRegistry;
import jp.jpkigate.sim.http.SimPublisherSources;
import jp.jpkigate.sim.registry.SerialLinkage;
import jp.jpkigate.sim.registry.SimState;
import jp.jpkigate.sim.revocation.RevocationEvent;
import jp.jpkigate.sim.revocation.RevocationLog;

/**
 * Publishes from a state directory that the CLI changes in other processes: {@link #reloadIfChanged()}
 * (blocking, call it from a worker) re-reads {@code registry.json} when it changed, and readers
 * always see the latest state read, without locking. The consent registry works on
 * {@code consents.json} directly ({@link ConsentFile}), which both this process and the CLI change.
 */
public final class StateDirectorySources implements SimPublisherSources {
    private final Path dir;
    private final Clock clock;
    private final SecureRandom random;
    private final RevocationLog log = new LatestLog();
    private final ConsentRegistry consents;
    private volatile SimState state;
    private volatile FileTime seen;

    private StateDirectorySources(Path dir, Clock clock, SecureRandom random) {
        this.dir = dir;
        this.clock = clock;
        this.random = random;
        this.consents = new ConsentRegistry(() -> state.registry(), new ConsentFile(dir), clock);
    }

    /** Opens the state directory, creating it with {@code init}'s defaults when it holds no state yet. Blocking. */
    public static StateDirectorySources openOrInit(Path dir, Clock clock, SecureRandom random) {
        if (!Files.exists(dir.resolve(SimState.REGISTRY_FILE))) {
            SimState.init(dir, clock, random, false);
        }
        StateDirectorySources sources = new StateDirectorySources(dir, clock, random);
        sources.reloadIfChanged();
        return sources;
    }

    /** Re-reads the state when {@code registry.json} changed since the last read. Blocking. */
    public boolean reloadIfChanged() {
        try {
            FileTime modified = Files.getLastModifiedTime(dir.resolve(SimState.REGISTRY_FILE));
            if (modified.equals(seen)) {
                return false;
            }
            state = SimState.open(dir, clock, random);
            seen = modified;
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path dir() {
        return dir;
    }

    @Override
    public List<SimCa> cas() {
        return state.cas().all();
    }

    @Override
    public RevocationLog log() {
        return log;
    }

    @Override
    public SerialLinkage linkage() {
        return id -> state.registry().linkage(id);
    }

    /** The consents in {@code consents.json}, read and written under its lock at every request. */
    @Override
    public Optional<ConsentRegistry> consents() {
        return Optional.of(consents);
    }

    @Override
    public Clock clock() {
        return clock;
    }

    /** Always answers from the latest state read. */
    private final class LatestLog implements RevocationLog {
        @Override
        public List<RevocationEvent> events(String caId) {
            return state.registry().events(caId);
        }

        @Override
        public boolean issued(String caId, BigInteger serial) {
            return state.registry().issued(caId, serial);
        }
    }
}
