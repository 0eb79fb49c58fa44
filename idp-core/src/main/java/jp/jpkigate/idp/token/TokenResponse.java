package jp.jpkigate.idp.token;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A successful token response (RFC 6749 §5.1, OIDC Core §3.1.3.3). Written with
 * {@code Cache-Control: no-store}. {@code toString} shows no token. {@code tokenType} is
 * {@code Bearer}, or {@code DPoP} for a DPoP-bound access token (RFC 9449 §5). {@code refreshToken}
 * and {@code idToken} are null (and left out of the JSON) only in an {@link #accessTokenOnly} response.
 */
public record TokenResponse(String accessToken, long expiresIn, String refreshToken, String idToken, String scope,
                            String tokenType) {
    public static final String BEARER = "Bearer";
    public static final String DPOP = "DPoP";

    public TokenResponse(String accessToken, long expiresIn, String refreshToken, String idToken, String scope) {
        this(accessToken, expiresIn, refreshToken, idToken, scope, BEARER);
    }

    public TokenResponse {
        if (!BEARER.equals(tokenType) && !DPOP.equals(tokenType)) {
            throw new IllegalArgumentException("token_type is Bearer or DPoP");
        }
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(scope, "scope");
    }

    /** RFC 6749 §4.4.3: the client credentials grant has no refresh token, and no person, so no ID token. */
    public static TokenResponse accessTokenOnly(String accessToken, long expiresIn, String scope, String tokenType) {
        return new TokenResponse(accessToken, expiresIn, null, null, scope, tokenType);
    }

    public Map<String, Object> toJsonObject() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("access_token", accessToken);
        json.put("token_type", tokenType);
        json.put("expires_in", expiresIn);
        if (refreshToken != null) {
            json.put("refresh_token", refreshToken);
        }
        if (idToken != null) {
            json.put("id_token", idToken);
        }
        json.put("scope", scope);
        return json;
    }

    @Override
    public String toString() {
        return "TokenResponse[" + scope + ", expires_in " + expiresIn + "]";
    }
}
