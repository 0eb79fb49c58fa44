package jp.jpkigate.idp.key;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A rotation that cannot happen now; the message is safe to show an operator (kids and times only). */
public final class KeyRotationException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why. */
    public enum Reason {
        /** The next key has not been published for the propagation delay yet. */
        NOT_READY,
        /** Another replica changed the key set at the same moment; read it again and retry. */
        CONFLICT
    }

    private final Reason reason;
    private final transient Instant retryAt;

    private KeyRotationException(Reason reason, String message, Instant retryAt) {
        super(message, null, false, false);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.retryAt = retryAt;
    }

    static KeyRotationException notReady(String nextKid, Instant usableAt) {
        return new KeyRotationException(Reason.NOT_READY, "the next key " + nextKid
                + " has not been published for the propagation delay yet; it may sign from " + usableAt, usableAt);
    }

    static KeyRotationException conflict() {
        return new KeyRotationException(Reason.CONFLICT, "the key set changed meanwhile (another replica); try again", null);
    }

    public Reason reason() {
        return reason;
    }

    /** When a rotation can succeed, for {@link Reason#NOT_READY}. */
    public Optional<Instant> retryAt() {
        return Optional.ofNullable(retryAt);
    }
}
