package jp.jpkigate.consent.page;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.security.SecureRandom;
import java.util.Optional;
import jp.jpkigate.idp.login.LoginTransactionId;

/**
 * The consent pages' browser secret (256 random bits): the key of their anti-CSRF tokens and, hashed,
 * the binding of the signing transactions this browser opens, so only it can poll and continue them.
 * {@code __Host-} prefixed, Secure, HttpOnly, {@code Path=/}, SameSite=Lax (an invitation link opened
 * from a mail is a top-level navigation from another site) on an https issuer; without prefix and
 * Secure on an http loopback issuer (development). It lasts as long as the browser session and is
 * reused, so pages open in two tabs keep working.
 */
public final class ConsentCookie {
    private final String name;
    private final boolean secure;

    public ConsentCookie(String issuer) {
        this.secure = issuer.startsWith("https://");
        this.name = secure ? "__Host-jpkigate-consent" : "jpkigate-consent";
    }

    public String name() {
        return name;
    }

    /** The browser's secret, when it sent one of the right shape. */
    public Optional<String> read(HttpServerRequest request) {
        Cookie cookie = request.getCookie(name);
        return cookie == null ? Optional.empty() : LoginTransactionId.parse(cookie.getValue());
    }

    /** The browser's secret, or a new one set on {@code response}. */
    public String ensure(HttpServerRequest request, HttpServerResponse response, SecureRandom random) {
        Optional<String> existing = read(request);
        if (existing.isPresent()) {
            return existing.get();
        }
        String secret = LoginTransactionId.generate(random);
        response.addCookie(Cookie.cookie(name, secret).setPath("/").setHttpOnly(true).setSecure(secure)
                .setSameSite(CookieSameSite.LAX));
        return secret;
    }
}
