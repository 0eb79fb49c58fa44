package jp.jpkigate.idp.store.redis;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.idp.authorize.CodeGrant;
import jp.jpkigate.idp.authorize.CodeGrantCodec;
import jp.jpkigate.idp.store.AuthorizationCodeStore;

/**
 * {@link AuthorizationCodeStore} on Redis: {@code SET NX PX} under the SHA-256 of the code,
 * {@code GETDEL} to redeem (one atomic command, so a code is redeemed at most once).
 */
public final class RedisAuthorizationCodeStore implements AuthorizationCodeStore {
    private static final int MAX_CODE_LENGTH = 128;

    private final Redis redis;

    public RedisAuthorizationCodeStore(Redis redis) {
        this.redis = Objects.requireNonNull(redis, "redis");
    }

    @Override
    public Future<Void> put(String code, CodeGrant grant, Duration ttl) {
        return redis.send(Request.cmd(Command.SET, RedisOpKeys.authorizationCode(code), CodeGrantCodec.encode(grant),
                        "NX", "PX", Math.max(1, ttl.toMillis())))
                .compose(r -> r != null
                        ? Future.<Void>succeededFuture()
                        : Future.failedFuture(new IllegalStateException("authorization code collision")));
    }

    @Override
    public Future<Optional<CodeGrant>> consume(String code) {
        if (code == null || code.isEmpty() || code.length() > MAX_CODE_LENGTH) {
            return Future.succeededFuture(Optional.empty());
        }
        return redis.send(Request.cmd(Command.GETDEL, RedisOpKeys.authorizationCode(code)))
                .map(r -> r == null ? Optional.<CodeGrant>empty() : Optional.of(CodeGrantCodec.decode(r.toString())));
    }
}
