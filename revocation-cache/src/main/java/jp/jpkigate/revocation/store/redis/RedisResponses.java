package jp.jpkigate.revocation.store.redis;

import io.vertx.redis.client.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reading replies that are maps in RESP3 and flat field/value arrays in RESP2. */
final class RedisResponses {
    private RedisResponses() {
    }

    /** Field to value, in reply order; empty for a null reply. */
    static Map<String, Response> fields(Response reply) {
        Map<String, Response> fields = new LinkedHashMap<>();
        if (reply == null) {
            return fields;
        }
        if (reply.isMap()) {
            for (String key : reply.getKeys()) {
                fields.put(key, reply.get(key));
            }
            return fields;
        }
        for (int i = 0; i + 1 < reply.size(); i += 2) {
            fields.put(reply.get(i).toString(), reply.get(i + 1));
        }
        return fields;
    }
}
