package jp.jpkigate.feed.outbox.redis;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A Lua script sent by its SHA-1 ({@code EVALSHA}), so a hot path does not ship the script text
 * with every call. When Redis does not know it (first use, a restart, {@code SCRIPT FLUSH}) the
 * calls are sent again as {@code EVAL}, which also caches the script on the node that owns the key
 * (so it works on Redis Cluster too, where {@code SCRIPT LOAD} would reach a random node).
 */
final class LuaScript {
    private final String text;
    private final String sha;

    LuaScript(String text) {
        this.text = text;
        try {
            this.sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One call of a script: the slot's routing key and the arguments. */
    record Call(LuaScript script, String key, List<String> args) {
        Request request(boolean byText) {
            Request request = Request.cmd(byText ? Command.EVAL : Command.EVALSHA)
                    .arg(byText ? script.text : script.sha).arg(1).arg(key);
            args.forEach(request::arg);
            return request;
        }
    }

    Call call(String key, Object... args) {
        return new Call(this, key, java.util.Arrays.stream(args).map(String::valueOf).toList());
    }

    static Future<Response> send(Redis redis, Call call) {
        return redis.send(call.request(false)).recover(failure -> unknownScript(failure)
                ? redis.send(call.request(true))
                : Future.failedFuture(failure));
    }

    /** Pipelines the calls (all in one slot). */
    static Future<List<Response>> batch(Redis redis, List<Call> calls) {
        if (calls.isEmpty()) {
            return Future.succeededFuture(List.of());
        }
        return redis.batch(calls.stream().map(c -> c.request(false)).toList()).recover(failure -> unknownScript(failure)
                ? redis.batch(calls.stream().map(c -> c.request(true)).toList())
                : Future.failedFuture(failure));
    }

    private static boolean unknownScript(Throwable failure) {
        return failure.getMessage() != null && failure.getMessage().contains("NOSCRIPT");
    }
}
