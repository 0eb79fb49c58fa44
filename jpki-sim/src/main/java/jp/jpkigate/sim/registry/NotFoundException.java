package jp.jpkigate.sim.registry;

/** No such person, device, certificate or CA in the registry. */
public final class NotFoundException extends RuntimeException {
    public NotFoundException(String message) {
        super(message);
    }
}
