package jp.jpkigate.idp.authorize;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import jp.jpkigate.idp.oauth.OAuthError;

/**
 * Authorization responses as redirect URIs (response_mode=query): RFC 6749 §4.1.2 success
 * ({@code code}, {@code state}) and §4.1.2.1 error ({@code error}, {@code error_description},
 * {@code state}), each with {@code iss} (RFC 9207 §2) so the client can detect mix-up attacks.
 * Parameters are appended to any query the registered URI already has (RFC 6749 §3.1.2).
 */
public final class AuthorizationRedirect {
    private AuthorizationRedirect() {
    }

    public static URI success(URI redirectUri, String code, Optional<String> state, String issuer) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("code", code);
        state.ifPresent(s -> params.put("state", s));
        params.put("iss", issuer);
        return append(redirectUri, params);
    }

    public static URI error(URI redirectUri, OAuthError error, Optional<String> state, String issuer) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("error", error.code());
        error.description().ifPresent(d -> params.put("error_description", d));
        state.ifPresent(s -> params.put("state", s));
        params.put("iss", issuer);
        return append(redirectUri, params);
    }

    /** {@code base} with {@code params} appended to its query (its fragment dropped). */
    public static URI append(URI base, Map<String, String> params) {
        StringBuilder query = new StringBuilder();
        params.forEach((k, v) -> {
            if (query.length() > 0) {
                query.append('&');
            }
            query.append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8).replace("+", "%20"));
        });
        String text = base.toString();
        int hash = text.indexOf('#');
        String withoutFragment = hash < 0 ? text : text.substring(0, hash);
        String separator = base.getRawQuery() == null ? "?" : withoutFragment.endsWith("&") || withoutFragment.endsWith("?") ? "" : "&";
        return URI.create(withoutFragment + separator + query);
    }
}
