package jp.jpkigate.sim.consent;

import java.util.function.Function;

/**
 * Where the consent registry keeps its {@link ConsentLedger}. Every read and change goes through
 * {@link #update}: one at a time, across threads and, for a state directory, across the processes
 * sharing it (the CLI and {@code jpki-sim serve}).
 */
public interface ConsentStore {
    /**
     * Runs {@code change} on the latest ledger, alone, and keeps what it changed (durably for a file
     * store, atomically: all or nothing is written), also when it then throws: every step of a
     * change must leave a valid ledger (expiring what is due, then refusing, is such a change).
     */
    <T> T update(Function<ConsentLedger, T> change);
}
