package jp.jpkigate.idp.par;

import java.util.LinkedHashMap;
import java.util.Map;

/** RFC 9126 §2.2 success response: {@code 201} with {@code request_uri} and {@code expires_in}. */
public record PushedAuthorizationResponse(String requestUri, long expiresIn) {
    public Map<String, Object> toJsonObject() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("request_uri", requestUri);
        json.put("expires_in", expiresIn);
        return json;
    }
}
