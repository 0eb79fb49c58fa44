package jp.jpkigate.idp.jpki;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * A typed verification failure: one {@link JpkiError} plus a detail that says what exactly was
 * wrong (never key material). The asynchronous API fails its stage with this exception; dependent
 * stages see it wrapped in a {@link CompletionException}, which {@link #unwrap(Throwable)} undoes.
 */
public final class JpkiVerificationException extends Exception {
    private static final long serialVersionUID = 1L;

    private final JpkiError error;
    private final String detail;

    public JpkiVerificationException(JpkiError error, String detail) {
        this(error, detail, null);
    }

    public JpkiVerificationException(JpkiError error, String detail, Throwable cause) {
        super(Objects.requireNonNull(error, "error").code() + ": " + Objects.requireNonNull(detail, "detail"), cause);
        this.error = error;
        this.detail = detail;
    }

    public JpkiError error() {
        return error;
    }

    /** What exactly failed, e.g. "certificate notAfter 2025-12-31T14:59:59Z is before 2026-03-01T00:00:00Z". */
    public String detail() {
        return detail;
    }

    /** The verification failure inside a (possibly wrapped) stage failure, if that is what it is. */
    public static Optional<JpkiVerificationException> unwrap(Throwable failure) {
        Throwable current = failure;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current instanceof JpkiVerificationException jpki ? Optional.of(jpki) : Optional.empty();
    }
}
