package jp.jpkigate.idp.store.redis;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.time.Duration;
import java.util.Objects;
import jp.jpkigate.idp.store.GrantRevocations;

/**
 * {@link GrantRevocations} on Redis: one marker per grant ({@link RedisOpKeys}), {@code SET PX} to
 * mark, {@code EXISTS} to read.
 */
public final class RedisGrantRevocations implements GrantRevocations {
    private final Redis redis;

    public RedisGrantRevocations(Redis redis) {
        this.redis = Objects.requireNonNull(redis, "redis");
    }

    @Override
    public Future<Void> revoke(String grantId, Duration ttl) {
        return redis.send(Request.cmd(Command.SET, RedisOpKeys.revokedGrant(grantId), "1", "PX", Math.max(1, ttl.toMillis())))
                .mapEmpty();
    }

    @Override
    public Future<Boolean> isRevoked(String grantId) {
        return redis.send(Request.cmd(Command.EXISTS, RedisOpKeys.revokedGrant(grantId))).map(r -> r.toInteger() == 1);
    }
}
