package jp.jpkigate.feed.detect.redis;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.feed.detect.DetectMarks;

/** {@link DetectMarks} as one hash ({@link DetectKeys#cursors()}). */
public final class RedisDetectMarks implements DetectMarks {
    private final Redis redis;

    public RedisDetectMarks(Redis redis) {
        this.redis = Objects.requireNonNull(redis, "redis");
    }

    @Override
    public Future<Optional<String>> get(String name) {
        return redis.send(Request.cmd(Command.HGET, DetectKeys.cursors(), name))
                .map(r -> r == null ? Optional.<String>empty() : Optional.of(r.toString()));
    }

    @Override
    public Future<Void> put(String name, String value) {
        return redis.send(Request.cmd(Command.HSET, DetectKeys.cursors(), name, value)).mapEmpty();
    }
}
