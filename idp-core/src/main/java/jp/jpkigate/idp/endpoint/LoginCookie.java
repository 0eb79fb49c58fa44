package jp.jpkigate.idp.endpoint;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerRequest;
import java.util.Optional;

/**
 * The cookie that binds a login transaction to the browser that opened it: only that browser may
 * poll the status and continue to the client, so someone who reads the QR code over a shoulder
 * cannot finish the login in their own browser. {@code __Host-} prefixed, Secure, HttpOnly,
 * SameSite=Lax (the continue request is a top-level navigation) on an https issuer; without the
 * prefix and Secure on an http loopback issuer (development).
 */
final class LoginCookie {
    private final String name;
    private final boolean secure;

    LoginCookie(String issuer) {
        this.secure = issuer.startsWith("https://");
        this.name = secure ? "__Host-jpkigate-login" : "jpkigate-login";
    }

    String name() {
        return name;
    }

    Cookie create(String secret, long maxAgeSeconds) {
        return Cookie.cookie(name, secret).setPath("/").setHttpOnly(true).setSecure(secure)
                .setSameSite(CookieSameSite.LAX).setMaxAge(maxAgeSeconds);
    }

    Optional<String> read(HttpServerRequest request) {
        Cookie cookie = request.getCookie(name);
        return cookie == null ? Optional.empty() : Optional.of(cookie.getValue());
    }
}
