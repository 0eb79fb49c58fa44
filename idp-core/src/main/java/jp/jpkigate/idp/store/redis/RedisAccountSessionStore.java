package jp.jpkigate.idp.store.redis;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.idp.account.AccountSession;
import jp.jpkigate.idp.account.AccountSessionCodec;
import jp.jpkigate.idp.store.AccountSessionStore;

/** {@link AccountSessionStore} on Redis: a string per session under the hash of its id, SET NX PX. */
public final class RedisAccountSessionStore implements AccountSessionStore {
    private final Redis redis;

    public RedisAccountSessionStore(Redis redis) {
        this.redis = Objects.requireNonNull(redis, "redis");
    }

    @Override
    public Future<Void> create(String sessionId, AccountSession session, Duration ttl) {
        return redis.send(Request.cmd(Command.SET, RedisOpKeys.accountSession(sessionId), AccountSessionCodec.encode(session),
                        "NX", "PX", Math.max(1, ttl.toMillis())))
                .compose(r -> r != null && "OK".equals(r.toString())
                        ? Future.<Void>succeededFuture()
                        : Future.failedFuture(new IllegalStateException("account session id collision")));
    }

    @Override
    public Future<Optional<AccountSession>> find(String sessionId) {
        return redis.send(Request.cmd(Command.GET, RedisOpKeys.accountSession(sessionId)))
                .map(r -> r == null ? Optional.<AccountSession>empty() : Optional.of(AccountSessionCodec.decode(r.toString())));
    }
}
