package jp.jpkigate.idp.requestobject;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import jp.jpkigate.idp.oauth.FormParameters;
import jp.jpkigate.idp.oauth.OAuthError;
import jp.jpkigate.idp.oauth.OAuthException;

/**
 * The authorization request parameters a request object carries as claims (RFC 9101 §4), as the
 * same {@link FormParameters} a plain request has, so one parser validates both. OIDC Core §6.1
 * lets some members keep their JSON type: {@code max_age} a number, {@code claims} an object; any
 * other JSON type for a parameter the OP reads is refused. The JWT's own claims (RFC 7519 §4.1)
 * are not parameters; other unknown members are dropped, as unknown parameters are (RFC 6749 §3.1).
 */
final class RequestObjectParameters {
    /** RFC 7519 §4.1 registered claims: the envelope, not the request. */
    static final Set<String> ENVELOPE = Set.of("iss", "sub", "aud", "exp", "nbf", "iat", "jti");

    /** The parameters the OP reads; a value of another JSON type than expected is an error. */
    static final Set<String> READ = Set.of("client_id", "response_type", "response_mode", "redirect_uri", "scope",
            "state", "nonce", "code_challenge", "code_challenge_method", "prompt", "max_age", "acr_values", "claims");

    private RequestObjectParameters() {
    }

    static FormParameters of(Map<String, Object> claims) throws OAuthException {
        Map<String, String> params = new LinkedHashMap<>();
        for (Map.Entry<String, Object> claim : claims.entrySet()) {
            String name = claim.getKey();
            Object value = claim.getValue();
            if (ENVELOPE.contains(name)) {
                continue;
            }
            if (value instanceof String s) {
                params.put(name, s);
            } else if (name.equals("max_age") && (value instanceof Long || value instanceof Integer || value instanceof BigInteger)) {
                params.put(name, value.toString());
            } else if (value instanceof Map<?, ?> && name.equals("claims")) {
                @SuppressWarnings("unchecked")
                Map<String, Object> object = (Map<String, Object>) value;
                params.put(name, JSONObjectUtils.toJSONString(object));
            } else if (READ.contains(name)) {
                throw OAuthError.INVALID_REQUEST_OBJECT.withDescription("request object member " + name
                        + " has the wrong JSON type").toException();
            }
        }
        return FormParameters.of(params);
    }
}
