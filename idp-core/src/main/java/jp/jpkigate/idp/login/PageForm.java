package jp.jpkigate.idp.login;

import java.util.Optional;
import jp.jpkigate.idp.oauth.FormParameters;
import jp.jpkigate.idp.oauth.OAuthException;

/**
 * The bodies of the OP's own forms (the consent page, the account page): parsed strictly with
 * {@link FormParameters} (UTF-8, well-formed escapes, no repeated names), then read into a typed
 * form; every malformation is {@link LoginProblem#INVALID_FORM}.
 */
public final class PageForm {
    /** Longest anti-CSRF token accepted (a derived token is 43 characters). */
    static final int MAX_TOKEN_LENGTH = 128;

    /** Reads a typed form from parsed parameters, or refuses with {@link LoginProblem#INVALID_FORM}. */
    public interface Reader<T> {
        T read(FormParameters form) throws LoginException;
    }

    private PageForm() {
    }

    /** Parses a raw body into a typed form. */
    public static <T> T parse(byte[] body, Reader<T> reader) throws LoginException {
        FormParameters form;
        try {
            form = FormParameters.parse(body);
        } catch (OAuthException e) {
            throw LoginProblem.INVALID_FORM.toException();
        }
        return reader.read(form);
    }

    /** A token-shaped value (base64url, at most {@link #MAX_TOKEN_LENGTH}) or {@link LoginProblem#INVALID_FORM}. */
    public static String token(Optional<String> value) throws LoginException {
        String v = value.orElseThrow(LoginProblem.INVALID_FORM::toException);
        if (v.length() > MAX_TOKEN_LENGTH || !v.chars().allMatch(CsrfTokens::isBase64Url)) {
            throw LoginProblem.INVALID_FORM.toException();
        }
        return v;
    }
}
