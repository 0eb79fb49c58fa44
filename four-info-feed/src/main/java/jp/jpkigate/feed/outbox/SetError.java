package jp.jpkigate.feed.outbox;

import java.util.Objects;

/**
 * Why a SET was not accepted, as RFC 8935 §2.3 / RFC 8936 §2.4.4 carry it: an error code
 * ({@code err}, for example {@code invalid_request} or {@code invalid_key}) and a human-readable
 * {@code description}. Kept with a dead letter.
 */
public record SetError(String err, String description) {
    /** Longest code or description kept; longer text is cut. */
    public static final int MAX_LENGTH = 1024;

    public SetError {
        Objects.requireNonNull(err, "err");
        Objects.requireNonNull(description, "description");
        err = cut(err);
        description = cut(description);
    }

    private static String cut(String text) {
        return text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH);
    }
}
