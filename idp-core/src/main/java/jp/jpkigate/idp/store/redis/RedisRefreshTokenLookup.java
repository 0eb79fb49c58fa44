package jp.jpkigate.idp.store.redis;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.idp.store.RefreshTokenLookup;
import jp.jpkigate.idp.token.TokenGrantCodec;

/**
 * {@link RefreshTokenLookup} on the hashes of {@link RedisRefreshTokenStore}: one read-only Lua
 * script on the family's key (atomic, Cluster-safe).
 */
public final class RedisRefreshTokenLookup implements RefreshTokenLookup {
    /** Returns {0} not a token of the family, or {1 current | 2 rotated away, grant, remaining ms}. */
    private static final String FIND = """
            local grant = redis.call('HGET', KEYS[1], 'grant')
            if not grant then return {0} end
            local state = 0
            if redis.call('HGET', KEYS[1], 'current') == ARGV[1] then
              state = 1
            elseif redis.call('HEXISTS', KEYS[1], 'u:' .. ARGV[1]) == 1 then
              state = 2
            end
            if state == 0 then return {0} end
            return {state, grant, redis.call('PTTL', KEYS[1])}
            """;

    private final Redis redis;

    public RedisRefreshTokenLookup(Redis redis) {
        this.redis = Objects.requireNonNull(redis, "redis");
    }

    @Override
    public Future<Optional<Family>> find(String familyId, String token) {
        return redis.send(Request.cmd(Command.EVAL, FIND, 1, RedisOpKeys.refreshFamily(familyId), RedisOpKeys.sha256(token)))
                .map(r -> family(r, familyId));
    }

    private static Optional<Family> family(Response r, String familyId) {
        int state = r.get(0).toInteger();
        if (state == 0) {
            return Optional.empty();
        }
        // PTTL is -1 for a key without expiry (never written so) and -2 when it just expired.
        long remaining = r.get(2).toLong();
        if (remaining <= 0) {
            return Optional.empty();
        }
        return Optional.of(new Family(TokenGrantCodec.decode(r.get(1).toString(), familyId), state == 1,
                Duration.ofMillis(remaining)));
    }
}
