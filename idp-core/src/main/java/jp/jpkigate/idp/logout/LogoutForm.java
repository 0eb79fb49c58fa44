package jp.jpkigate.idp.logout;

import java.util.Objects;
import jp.jpkigate.idp.login.LoginException;
import jp.jpkigate.idp.login.LoginProblem;
import jp.jpkigate.idp.oauth.FormParameters;

/**
 * The confirmation page's POST body ({@code POST /logout/confirm}): {@code csrf} and what the page
 * carries on of the request — {@code client_id}, {@code post_logout_redirect_uri}, {@code state},
 * {@code ui_locales}, checked again as a {@link LogoutRequest} (no {@code id_token_hint}).
 *
 * @param csrf    the anti-CSRF token as sent (base64url, at most 128 characters)
 * @param request the carried parameters
 */
public record LogoutForm(String csrf, LogoutRequest request) {
    public LogoutForm {
        Objects.requireNonNull(csrf, "csrf");
        Objects.requireNonNull(request, "request");
    }

    public static LogoutForm of(FormParameters form) throws LoginException {
        String csrf = form.get("csrf").orElseThrow(LoginProblem.INVALID_FORM::toException);
        if (csrf.isEmpty() || csrf.length() > 128 || !csrf.chars().allMatch(LogoutForm::isBase64Url)) {
            throw LoginProblem.INVALID_FORM.toException();
        }
        LogoutRequest request;
        try {
            request = LogoutRequest.of(form);
        } catch (LoginException e) {
            throw LoginProblem.INVALID_FORM.toException();
        }
        if (request.idTokenHint().isPresent()) {
            throw LoginProblem.INVALID_FORM.toException();
        }
        return new LogoutForm(csrf, request);
    }

    private static boolean isBase64Url(int c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_';
    }

    @Override
    public String toString() {
        return "LogoutForm[" + request + "]";
    }
}
