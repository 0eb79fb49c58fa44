package jp.jpkigate.feed.receiver;

import java.util.Objects;

/** A SET the recipient refuses, with the RFC 8935 error and a description safe to send back. */
public final class SetRejectedException extends Exception {
    private static final long serialVersionUID = 1L;
    private final SetError error;
    private final boolean unknownSigningKey;

    public SetRejectedException(SetError error, String description) {
        this(error, description, false);
    }

    private SetRejectedException(SetError error, String description, boolean unknownSigningKey) {
        super(description, null, false, false);
        this.error = Objects.requireNonNull(error, "error");
        this.unknownSigningKey = unknownSigningKey;
    }

    /** The inner JWS names a {@code kid} the OP's JWK Set lacks: refetching the set may help. */
    static SetRejectedException ofUnknownSigningKey() {
        return new SetRejectedException(SetError.INVALID_KEY, "the SET is signed with a key the issuer does not publish", true);
    }

    public SetError error() {
        return error;
    }

    /** Whether the OP's keys should be refetched before trying again once (the OP rotated its key). */
    public boolean unknownSigningKey() {
        return unknownSigningKey;
    }

    public String description() {
        return getMessage();
    }
}
