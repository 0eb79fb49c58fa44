package jp.jpkigate.revocation.crl;

/**
 * The only failure {@link StreamingCrlParser} reports for bad input. The {@link Kind} says what
 * went wrong; {@link #offset()} is the stream position where it was noticed (-1 if unknown).
 * Whatever was handed to the entry handler before this is thrown must be discarded.
 */
public final class CrlParseException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Failure catalogue. */
    public enum Kind {
        /** Not DER, or not the RFC 5280 section 5.1 CertificateList structure. */
        MALFORMED,
        /** The stream ended inside the structure. */
        TRUNCATED,
        /** A length exceeds its enclosing element, a field cap, or the configured maximum size. */
        TOO_LARGE,
        /** Unknown signature algorithm, unusable key, or an unknown critical extension (section 5.2 / 5.3). */
        UNSUPPORTED,
        /** The signature does not verify with the issuer key (reported after the whole stream was read). */
        BAD_SIGNATURE,
        /** The underlying stream failed. */
        IO
    }

    private final Kind kind;
    private final long offset;

    public CrlParseException(Kind kind, String message, long offset) {
        super(kind + " at " + offset + ": " + message);
        this.kind = kind;
        this.offset = offset;
    }

    public CrlParseException(Kind kind, String message, long offset, Throwable cause) {
        this(kind, message, offset);
        initCause(cause);
    }

    public Kind kind() {
        return kind;
    }

    public long offset() {
        return offset;
    }
}
