package jp.jpkigate.idp.login;

import java.util.Objects;
import jp.jpkigate.idp.oauth.FormParameters;

/**
 * The consent page's POST body ({@code application/x-www-form-urlencoded}):
 * {@code csrf=<token>&decision=approve|deny}, read by {@link PageForm}; other parameters are
 * ignored; anything else is {@link LoginProblem#INVALID_FORM}.
 *
 * @param csrf     the anti-CSRF token as sent (checked later against the browser's cookie)
 * @param decision what the person chose
 */
public record ConsentForm(String csrf, Decision decision) {
    /** The two buttons of the page. */
    public enum Decision {
        APPROVE, DENY
    }

    public ConsentForm {
        Objects.requireNonNull(csrf, "csrf");
        Objects.requireNonNull(decision, "decision");
    }

    /** Parses a raw body. */
    public static ConsentForm parse(byte[] body) throws LoginException {
        return PageForm.parse(body, ConsentForm::of);
    }

    /** Reads the two fields from parsed parameters. */
    public static ConsentForm of(FormParameters form) throws LoginException {
        String csrf = PageForm.token(form.get("csrf"));
        Decision decision = switch (form.get("decision").orElse("")) {
            case "approve" -> Decision.APPROVE;
            case "deny" -> Decision.DENY;
            default -> throw LoginProblem.INVALID_FORM.toException();
        };
        return new ConsentForm(csrf, decision);
    }

    @Override
    public String toString() {
        return "ConsentForm[" + decision + "]";
    }
}
