package jp.jpkigate.idp.store.redis;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.time.Duration;
import java.util.Objects;
import jp.jpkigate.idp.store.ReplayCache;

/** {@link ReplayCache} on Redis: {@code SET key 1 NX PX ttl} — atomic, so first use wins across replicas. */
public final class RedisReplayCache implements ReplayCache {
    private final Redis redis;

    public RedisReplayCache(Redis redis) {
        this.redis = Objects.requireNonNull(redis, "redis");
    }

    @Override
    public Future<Boolean> firstUse(String namespace, String value, Duration ttl) {
        long millis = Math.max(1, ttl.toMillis());
        return redis.send(Request.cmd(Command.SET, RedisOpKeys.replay(namespace, value), "1", "NX", "PX", millis))
                .map(response -> response != null); // nil when the key already existed
    }
}
