package jp.jpkigate.revocation.snapshot;

import java.io.IOException;

/**
 * The bytes are not a snapshot this codec can read: wrong magic or format version, truncated,
 * trailing bytes, a checksum mismatch, or values that do not describe a valid index. Whatever is
 * wrong with the input, {@link SnapshotCodec} reports it with this exception and nothing else;
 * other {@link IOException}s come from the underlying stream.
 */
public final class SnapshotFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public SnapshotFormatException(String message) {
        super(message);
    }

    public SnapshotFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
