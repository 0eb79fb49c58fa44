package jp.jpkigate.feed.set;

/** A SET's event does not conform to its definition (RFC 8935 §2.3 {@code invalid_request}). */
public final class MalformedEventException extends Exception {
    private static final long serialVersionUID = 1L;

    public MalformedEventException(String message) {
        super(message);
    }
}
