package jp.jpkigate.revocation.web;

/** Carries a {@link Problem} out of a parser or through a failed future; no stack trace (it is not a bug). */
public final class ProblemException extends RuntimeException {
    private final Problem problem;

    ProblemException(Problem problem) {
        super(problem.slug() + ": " + problem.detail(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
