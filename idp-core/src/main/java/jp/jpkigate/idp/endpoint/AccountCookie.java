package jp.jpkigate.idp.endpoint;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerRequest;
import java.net.URI;
import java.util.Optional;

/**
 * The account page's session cookie: the random session id, HttpOnly, SameSite=Strict (no other
 * site can make the browser send it), scoped to the issuer's {@code /account} path, Secure with a
 * {@code __Secure-} prefix on an https issuer (development on http loopback goes without).
 */
public final class AccountCookie {
    private final String name;
    private final String path;
    private final boolean secure;

    public AccountCookie(String issuer) {
        this.secure = issuer.startsWith("https://");
        this.name = secure ? "__Secure-jpkigate-account" : "jpkigate-account";
        String issuerPath = URI.create(issuer).getRawPath();
        this.path = (issuerPath == null ? "" : issuerPath) + "/account";
    }

    Cookie create(String sessionId, long maxAgeSeconds) {
        return Cookie.cookie(name, sessionId).setPath(path).setHttpOnly(true).setSecure(secure)
                .setSameSite(CookieSameSite.STRICT).setMaxAge(maxAgeSeconds);
    }

    public Optional<String> read(HttpServerRequest request) {
        Cookie cookie = request.getCookie(name);
        return cookie == null ? Optional.empty() : Optional.of(cookie.getValue());
    }
}
