package jp.jpkigate.feed.poll;

import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An RFC 8936 §2.5 poll answer: {@code {"sets": {jti: "<compact JWE>", ...}, "moreAvailable": bool}}.
 *
 * @param sets          the SETs handed out, by jti, in claim order
 * @param moreAvailable more SETs were ready than this answer holds
 */
public record PollResponse(Map<String, String> sets, boolean moreAvailable) {
    public PollResponse {
        sets = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sets));
    }

    public JsonObject toJson() {
        JsonObject sets = new JsonObject();
        this.sets.forEach(sets::put);
        return new JsonObject().put("sets", sets).put("moreAvailable", moreAvailable);
    }
}
