package jp.jpkigate.consent.signing;

import java.util.Objects;
import java.util.Optional;

/**
 * A refused step ({@link ConsentProblem}); an expected outcome, so without a stack trace. A refused
 * signature carries the JPKI error code ({@code wrong_certificate_type}, {@code certificate_revoked} …).
 */
public final class ConsentException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient ConsentProblem problem;
    private final String jpkiError;

    public ConsentException(ConsentProblem problem) {
        this(problem, null);
    }

    private ConsentException(ConsentProblem problem, String jpkiError) {
        super(Objects.requireNonNull(problem, "problem").code(), null, false, false);
        this.problem = problem;
        this.jpkiError = jpkiError;
    }

    /** The card's signature was refused for {@code jpkiErrorCode}. */
    public static ConsentException signatureRefused(String jpkiErrorCode) {
        return new ConsentException(ConsentProblem.SIGNATURE_REFUSED, Objects.requireNonNull(jpkiErrorCode, "jpkiErrorCode"));
    }

    public ConsentProblem problem() {
        return problem;
    }

    public Optional<String> jpkiError() {
        return Optional.ofNullable(jpkiError);
    }
}
