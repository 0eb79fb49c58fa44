package jp.jpkigate.feed.poll;

/**
 * A poll request that cannot be served: RFC 8936 §2.4.4 answers it with HTTP 400 and the RFC 8935
 * error JSON {@code {"err": "invalid_request", "description": ...}}. The description names the
 * member at fault and never echoes the client's input.
 */
public final class PollRequestException extends Exception {
    private final String err;

    public PollRequestException(String description) {
        this("invalid_request", description);
    }

    public PollRequestException(String err, String description) {
        super(description, null, false, false);
        this.err = err;
    }

    public String err() {
        return err;
    }

    public String description() {
        return getMessage();
    }
}
