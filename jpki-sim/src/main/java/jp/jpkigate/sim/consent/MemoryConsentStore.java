package jp.jpkigate.sim.consent;

import java.util.function.Function;

/** The consent ledger in memory, for tests and for embedding the simulator. */
public final class MemoryConsentStore implements ConsentStore {
    private final ConsentLedger ledger = new ConsentLedger();

    @Override
    public synchronized <T> T update(Function<ConsentLedger, T> change) {
        return change.apply(ledger);
    }
}
