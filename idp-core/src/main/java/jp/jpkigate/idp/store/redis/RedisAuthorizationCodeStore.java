package jp.jpkigate.idp.store.redis;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.Objects;
import jp.jpkigate.idp.authorize.CodeGrant;
import jp.jpkigate.idp.authorize.CodeGrantCodec;
import jp.jpkigate.idp.store.AuthorizationCodeStore;

/**
 * {@link AuthorizationCodeStore} on Redis: {@code SET NX PX} under the SHA-256 of the code; redeeming
 * is a Lua script on that one key that swaps the grant for a used-marker with the same TTL
 * ({@code KEEPTTL}), so a code is redeemed at most once and a replay is told apart from an unknown code.
 */
public final class RedisAuthorizationCodeStore implements AuthorizationCodeStore {
    private static final int MAX_CODE_LENGTH = 128;
    /** Never valid grant JSON. */
    private static final String USED = "used";
    /** Returns {1, grant} redeemed, {2} replayed, {0} unknown. */
    private static final String REDEEM = """
            local grant = redis.call('GET', KEYS[1])
            if not grant then return {0} end
            if grant == ARGV[1] then return {2} end
            redis.call('SET', KEYS[1], ARGV[1], 'KEEPTTL')
            return {1, grant}
            """;

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
    public Future<Redemption> redeem(String code) {
        if (code == null || code.isEmpty() || code.length() > MAX_CODE_LENGTH) {
            return Future.succeededFuture(new Redemption.Unknown());
        }
        return redis.send(Request.cmd(Command.EVAL, REDEEM, 1, RedisOpKeys.authorizationCode(code), USED))
                .map(RedisAuthorizationCodeStore::outcome);
    }

    private static Redemption outcome(Response r) {
        return switch (r.get(0).toInteger()) {
            case 1 -> new Redemption.Redeemed(CodeGrantCodec.decode(r.get(1).toString()));
            case 2 -> new Redemption.Replayed();
            default -> new Redemption.Unknown();
        };
    }
}
