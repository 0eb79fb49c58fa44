package jp.jpkigate.gateway.feed;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
import jp.jpkigate.gateway.TestVertx;

/**
 * The feed's coordination state in Redis as text, for a failure message: leases (holder and expiry), the
 * provision tasks, the watch entries' states, outbox stream lengths and the businesses with an outbox. Event
 * bodies (JWEs) are left out; nothing here is personal data.
 */
final class RedisDump {
    private static final java.util.regex.Pattern FEED_KEYS = java.util.regex.Pattern.compile("lease|feed|detect|watch|outbox");

    private RedisDump() {
    }

    static String feedState(Vertx vertx, String redisUrl) {
        Redis redis = Redis.createClient(vertx, redisUrl);
        try {
            List<String> lines = new ArrayList<>();
            Response keys = TestVertx.await(redis.send(Request.cmd(Command.KEYS, "*")));
            List<String> names = new ArrayList<>();
            keys.forEach(k -> names.add(k.toString()));
            names.sort(null);
            for (String key : names) {
                if (FEED_KEYS.matcher(key).find() && lines.size() < 100) {
                    lines.add(key + " = " + describe(redis, key));
                }
            }
            return String.join("\n", lines);
        } catch (Exception e) {
            return "(cannot read Redis: " + e + ")";
        } finally {
            redis.close();
        }
    }

    private static String describe(Redis redis, String key) throws Exception {
        String type = TestVertx.await(redis.send(Request.cmd(Command.TYPE, key))).toString();
        Response value = switch (type) {
            case "string" -> TestVertx.await(redis.send(Request.cmd(Command.GET, key)));
            case "zset" -> TestVertx.await(redis.send(Request.cmd(Command.ZRANGE, key, 0, 20, "WITHSCORES")));
            case "set" -> TestVertx.await(redis.send(Request.cmd(Command.SMEMBERS, key)));
            case "stream" -> TestVertx.await(redis.send(Request.cmd(Command.XLEN, key)));
            case "hash" -> TestVertx.await(redis.send(Request.cmd(Command.HKEYS, key)));
            default -> null;
        };
        String shown = String.valueOf(value);
        if ("hash".equals(type) && key.contains("watch")) {
            shown = String.valueOf(TestVertx.await(redis.send(Request.cmd(Command.HMGET, key, "client", "state", "serial"))));
        }
        return type + " " + (shown.length() > 400 ? shown.substring(0, 400) + "…" : shown);
    }
}
