package jp.jpkigate.consent.store.redis;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import jp.jpkigate.consent.store.RegistryQueue;

/**
 * {@link RegistryQueue} as a Redis sorted set (consent id scored by the next attempt's epoch
 * milliseconds) and a hash of failure counts, both under one hash tag ({@link RedisConsentKeys}).
 */
public final class RedisRegistryQueue implements RegistryQueue {
    /** KEYS[1] queue, KEYS[2] attempts; ARGV consent id. */
    private static final String DONE = "redis.call('ZREM', KEYS[1], ARGV[1]) redis.call('HDEL', KEYS[2], ARGV[1]) return 1";

    private final Redis redis;

    public RedisRegistryQueue(Redis redis) {
        this.redis = Objects.requireNonNull(redis, "redis");
    }

    @Override
    public Future<Void> schedule(String consentId, Instant nextAttempt) {
        return redis.send(Request.cmd(Command.ZADD, RedisConsentKeys.registryQueue(), nextAttempt.toEpochMilli(), consentId))
                .mapEmpty();
    }

    @Override
    public Future<List<String>> due(Instant now, int limit) {
        return redis.send(Request.cmd(Command.ZRANGEBYSCORE, RedisConsentKeys.registryQueue(), "-inf", now.toEpochMilli(),
                "LIMIT", 0, limit)).map(r -> {
                    List<String> ids = new ArrayList<>();
                    if (r != null) {
                        for (Response id : r) {
                            ids.add(id.toString());
                        }
                    }
                    return ids;
                });
    }

    @Override
    public Future<Integer> failed(String consentId) {
        return redis.send(Request.cmd(Command.HINCRBY, RedisConsentKeys.registryAttempts(), consentId, 1))
                .map(Response::toInteger);
    }

    @Override
    public Future<Void> done(String consentId) {
        return redis.send(Request.cmd(Command.EVAL, DONE, 2, RedisConsentKeys.registryQueue(),
                RedisConsentKeys.registryAttempts(), consentId)).mapEmpty();
    }
}
