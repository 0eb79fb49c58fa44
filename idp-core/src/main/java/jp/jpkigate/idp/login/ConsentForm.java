package jp.jpkigate.idp.login;

import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.idp.oauth.FormParameters;
import jp.jpkigate.idp.oauth.OAuthException;

/**
 * The consent page's POST body ({@code application/x-www-form-urlencoded}):
 * {@code csrf=<token>&decision=approve|deny}. Parsed strictly ({@link FormParameters}: UTF-8,
 * well-formed escapes, no repeated names); other parameters are ignored. Anything else is
 * {@link LoginProblem#INVALID_FORM}.
 *
 * @param csrf     the anti-CSRF token as sent (checked later against the browser's cookie)
 * @param decision what the person chose
 */
public record ConsentForm(String csrf, Decision decision) {
    /** Longest token accepted (a derived token is 43 characters). */
    static final int MAX_TOKEN_LENGTH = 128;

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
        try {
            return of(FormParameters.parse(body));
        } catch (OAuthException e) {
            throw LoginProblem.INVALID_FORM.toException();
        }
    }

    /** Reads the two fields from parsed parameters. */
    public static ConsentForm of(FormParameters form) throws LoginException {
        String csrf = token(form.get("csrf"));
        Decision decision = switch (form.get("decision").orElse("")) {
            case "approve" -> Decision.APPROVE;
            case "deny" -> Decision.DENY;
            default -> throw LoginProblem.INVALID_FORM.toException();
        };
        return new ConsentForm(csrf, decision);
    }

    /** A token-shaped value (base64url, at most {@link #MAX_TOKEN_LENGTH}) or {@link LoginProblem#INVALID_FORM}. */
    public static String token(Optional<String> value) throws LoginException {
        String v = value.orElseThrow(LoginProblem.INVALID_FORM::toException);
        if (v.length() > MAX_TOKEN_LENGTH || !v.chars().allMatch(CsrfTokens::isBase64Url)) {
            throw LoginProblem.INVALID_FORM.toException();
        }
        return v;
    }

    @Override
    public String toString() {
        return "ConsentForm[" + decision + "]";
    }
}
