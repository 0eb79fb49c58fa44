package jp.jpkigate.idp.account;

import java.util.Objects;
import jp.jpkigate.idp.login.LoginException;
import jp.jpkigate.idp.login.LoginProblem;
import jp.jpkigate.idp.login.PageForm;
import jp.jpkigate.idp.oauth.FormParameters;

/**
 * A revoke button's POST body on the account page: {@code csrf=<token>&client_id=<client>}, read
 * by {@link PageForm}; anything else is {@link LoginProblem#INVALID_FORM}.
 *
 * @param csrf     the anti-CSRF token as sent (checked against the account session)
 * @param clientId the client whose approval to withdraw (1-255 visible ASCII, as registered)
 */
public record RevokeForm(String csrf, String clientId) {
    public RevokeForm {
        Objects.requireNonNull(csrf, "csrf");
        Objects.requireNonNull(clientId, "clientId");
    }

    public static RevokeForm parse(byte[] body) throws LoginException {
        return PageForm.parse(body, RevokeForm::of);
    }

    public static RevokeForm of(FormParameters form) throws LoginException {
        String csrf = PageForm.token(form.get("csrf"));
        String clientId = form.get("client_id").orElseThrow(LoginProblem.INVALID_FORM::toException);
        if (clientId.length() > 255 || !clientId.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw LoginProblem.INVALID_FORM.toException();
        }
        return new RevokeForm(csrf, clientId);
    }
}
