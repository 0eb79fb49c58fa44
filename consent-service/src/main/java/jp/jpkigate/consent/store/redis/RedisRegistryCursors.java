package jp.jpkigate.consent.store.redis;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.consent.store.RegistryCursors;

/** {@link RegistryCursors} as one Redis hash, business → cursor ({@link RedisConsentKeys}). */
public final class RedisRegistryCursors implements RegistryCursors {
    private final Redis redis;

    public RedisRegistryCursors(Redis redis) {
        this.redis = Objects.requireNonNull(redis, "redis");
    }

    @Override
    public Future<Optional<String>> get(String businessId) {
        return redis.send(Request.cmd(Command.HGET, RedisConsentKeys.registryCursors(), businessId))
                .map(r -> r == null ? Optional.<String>empty() : Optional.of(r.toString()));
    }

    @Override
    public Future<Void> put(String businessId, String cursor) {
        return redis.send(Request.cmd(Command.HSET, RedisConsentKeys.registryCursors(), businessId, cursor)).mapEmpty();
    }
}
