package jp.jpkigate.idp.logout;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import jp.jpkigate.idp.login.LoginException;
import jp.jpkigate.idp.login.LoginProblem;
import jp.jpkigate.idp.oauth.FormParameters;
import jp.jpkigate.idp.oauth.OAuthException;

/**
 * An RP-initiated logout request (OpenID Connect RP-Initiated Logout 1.0 §2), from the query of
 * {@code GET /logout} or the form of {@code POST /logout}, checked for shape only: what it names is
 * checked by {@link LogoutHandler}. Other parameters ({@code logout_hint}, …) are ignored; a
 * repeated, malformed or oversized one is {@link LoginProblem#INVALID_REQUEST}.
 *
 * @param idTokenHint           a compact JWS (at most 8 KiB), an ID token the OP issued
 * @param clientId              1-255 visible ASCII characters
 * @param postLogoutRedirectUri at most 2000 visible ASCII characters; must be registered for the client
 * @param state                 echoed to the post-logout redirect URI: at most 512 characters 0x20-0x7e
 * @param uiLocales             space-separated language tags, at most 100 characters
 */
public record LogoutRequest(Optional<String> idTokenHint, Optional<String> clientId, Optional<String> postLogoutRedirectUri,
                            Optional<String> state, Optional<String> uiLocales) {
    private static final Pattern JWS = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
    private static final Pattern LOCALES = Pattern.compile("[A-Za-z0-9 -]{1,100}");

    public LogoutRequest {
        Objects.requireNonNull(idTokenHint, "idTokenHint");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(postLogoutRedirectUri, "postLogoutRedirectUri");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(uiLocales, "uiLocales");
    }

    /** Parses a raw query or form body. */
    public static LogoutRequest parse(byte[] raw) throws LoginException {
        try {
            return of(FormParameters.parse(raw));
        } catch (OAuthException e) {
            throw LoginProblem.INVALID_LOGOUT_REQUEST.toException();
        }
    }

    /** Reads the parameters. */
    public static LogoutRequest of(FormParameters params) throws LoginException {
        return new LogoutRequest(
                checked(params.get("id_token_hint"), v -> v.length() <= 8192 && JWS.matcher(v).matches()),
                checked(params.get("client_id"), v -> v.length() <= 255 && visible(v, 0x21)),
                checked(params.get("post_logout_redirect_uri"), v -> v.length() <= 2000 && visible(v, 0x21)),
                checked(params.get("state"), v -> v.length() <= 512 && visible(v, 0x20)),
                checked(params.get("ui_locales"), v -> LOCALES.matcher(v).matches()));
    }

    /** Whether the pages should put English first: the first of {@code ui_locales} this OP speaks is English. */
    public boolean prefersEnglish() {
        if (uiLocales.isEmpty()) {
            return false;
        }
        for (String tag : uiLocales.get().toLowerCase(Locale.ROOT).split(" ")) {
            if (tag.equals("en") || tag.startsWith("en-")) {
                return true;
            }
            if (tag.equals("ja") || tag.startsWith("ja-")) {
                return false;
            }
        }
        return false;
    }

    private interface Check {
        boolean ok(String value);
    }

    private static Optional<String> checked(Optional<String> value, Check check) throws LoginException {
        if (value.isPresent() && (value.get().isEmpty() || !check.ok(value.get()))) {
            throw LoginProblem.INVALID_LOGOUT_REQUEST.toException();
        }
        return value;
    }

    private static boolean visible(String value, int lowest) {
        return value.chars().allMatch(c -> c >= lowest && c <= 0x7e);
    }

    @Override
    public String toString() {
        // Never prints the ID token.
        return "LogoutRequest[" + clientId.orElse("-") + (idTokenHint.isPresent() ? ", with hint" : "") + "]";
    }
}
