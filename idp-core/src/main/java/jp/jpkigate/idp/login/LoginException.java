package jp.jpkigate.idp.login;

import java.util.Objects;

/** A refused login step ({@link LoginProblem}); an expected outcome, so without a stack trace. */
public final class LoginException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient LoginProblem problem;

    public LoginException(LoginProblem problem) {
        super(Objects.requireNonNull(problem, "problem").code(), null, false, false);
        this.problem = problem;
    }

    public LoginProblem problem() {
        return problem;
    }
}
