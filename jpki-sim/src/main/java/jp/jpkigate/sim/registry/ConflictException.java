package jp.jpkigate.sim.registry;

/** A life event that the current state forbids (already revoked, deceased, card hold release, ...). */
public final class ConflictException extends RuntimeException {
    public ConflictException(String message) {
        super(message);
    }
}
