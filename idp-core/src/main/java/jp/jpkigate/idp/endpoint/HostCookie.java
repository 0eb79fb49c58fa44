package jp.jpkigate.idp.endpoint;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerRequest;
import java.util.Optional;

/**
 * A cookie of the OP's own host: {@code __Host-} prefixed, Secure, HttpOnly, {@code Path=/}, no
 * {@code Domain} on an https issuer (so no subdomain can set or read it); without the prefix and
 * Secure on an http loopback issuer (development).
 * <ul>
 *   <li>{@link #session}: the single sign-on session id, SameSite=Lax (the RP's redirect to
 *       {@code /authorize} and a {@code GET /logout} are top-level navigations from another site and
 *       must carry it), without Max-Age (the browser forgets it when it closes; the OP ends the
 *       session after its idle timeout or lifetime in any case).</li>
 *   <li>{@link #logout}: the secret the logout confirmation's anti-CSRF token is bound to,
 *       SameSite=Strict (only the OP's own page posts it), 10 minutes.</li>
 * </ul>
 */
final class HostCookie {
    /** How long the logout confirmation page may be answered. */
    static final long LOGOUT_SECONDS = 600;

    private final String name;
    private final boolean secure;
    private final CookieSameSite sameSite;

    private HostCookie(String issuer, String name, CookieSameSite sameSite) {
        this.secure = issuer.startsWith("https://");
        this.name = secure ? "__Host-" + name : name;
        this.sameSite = sameSite;
    }

    static HostCookie session(String issuer) {
        return new HostCookie(issuer, "jpkigate-session", CookieSameSite.LAX);
    }

    static HostCookie logout(String issuer) {
        return new HostCookie(issuer, "jpkigate-logout", CookieSameSite.STRICT);
    }

    /** The cookie holding {@code value}; kept for {@code maxAgeSeconds}, or until the browser closes when negative. */
    Cookie create(String value, long maxAgeSeconds) {
        Cookie cookie = Cookie.cookie(name, value).setPath("/").setHttpOnly(true).setSecure(secure).setSameSite(sameSite);
        return maxAgeSeconds < 0 ? cookie : cookie.setMaxAge(maxAgeSeconds);
    }

    /** Deletes the browser's cookie. */
    Cookie clear() {
        return create("", 0);
    }

    Optional<String> read(HttpServerRequest request) {
        Cookie cookie = request.getCookie(name);
        return cookie == null || cookie.getValue().isEmpty() ? Optional.empty() : Optional.of(cookie.getValue());
    }
}
