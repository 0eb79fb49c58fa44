package jp.jpkigate.idp.store.redis;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import jp.jpkigate.idp.store.RefreshTokenStore;
import jp.jpkigate.idp.token.TokenGrant;
import jp.jpkigate.idp.token.TokenGrantCodec;

/**
 * {@link RefreshTokenStore} on Redis: one hash per family (see {@link RedisOpKeys}); issue and
 * rotation (with its scope check) are Lua scripts on that one key, so they are atomic and
 * Cluster-safe.
 */
public final class RedisRefreshTokenStore implements RefreshTokenStore {
    /** KEYS[1] family, KEYS[2] the grant's revocation marker (or the family again) → 1 issued, 2 revoked, 0 collision. */
    private static final String ISSUE = """
            if redis.call('EXISTS', KEYS[2]) == 1 and KEYS[2] ~= KEYS[1] then return 2 end
            if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
            redis.call('HSET', KEYS[1], 'client', ARGV[1], 'grant', ARGV[2], 'current', ARGV[3])
            redis.call('PEXPIRE', KEYS[1], ARGV[4])
            return 1
            """;
    /**
     * Returns {1, grant} rotated, {4} a requested scope (ARGV[4..]) is not in the grant's (TokenGrantCodec's
     * "scope" list; nothing changed), {2} reused (family deleted), {3} wrong client, {0} unknown.
     */
    private static final String ROTATE = """
            local client = redis.call('HGET', KEYS[1], 'client')
            if not client then return {0} end
            if client ~= ARGV[1] then return {3} end
            if redis.call('HGET', KEYS[1], 'current') == ARGV[2] then
              local grant = redis.call('HGET', KEYS[1], 'grant')
              if #ARGV > 3 then
                local granted = {}
                for _, scope in ipairs(cjson.decode(grant).scope) do granted[scope] = true end
                for i = 4, #ARGV do
                  if not granted[ARGV[i]] then return {4} end
                end
              end
              redis.call('HSET', KEYS[1], 'current', ARGV[3], 'u:' .. ARGV[2], '1')
              return {1, grant}
            end
            if redis.call('HEXISTS', KEYS[1], 'u:' .. ARGV[2]) == 1 then
              redis.call('DEL', KEYS[1])
              return {2}
            end
            return {0}
            """;

    private final Redis redis;

    public RedisRefreshTokenStore(Redis redis) {
        this.redis = Objects.requireNonNull(redis, "redis");
    }

    @Override
    public Future<Void> issue(String familyId, String token, TokenGrant grant, Duration lifetime) {
        String family = RedisOpKeys.refreshFamily(familyId);
        return issue(family, family, token, grant, lifetime).mapEmpty();
    }

    /** The family and the grant's revocation marker share the hash tag {@code {familyId}}: one Cluster slot. */
    @Override
    public Future<Boolean> issueUnlessRevoked(String familyId, String token, TokenGrant grant, Duration lifetime) {
        return issue(RedisOpKeys.refreshFamily(familyId), RedisOpKeys.revokedGrant(familyId), token, grant, lifetime);
    }

    private Future<Boolean> issue(String family, String revoked, String token, TokenGrant grant, Duration lifetime) {
        return redis.send(Request.cmd(Command.EVAL, ISSUE, 2, family, revoked, grant.clientId(),
                        TokenGrantCodec.encode(grant), RedisOpKeys.sha256(token), Math.max(1, lifetime.toMillis())))
                .compose(r -> r == null || r.toInteger() == 0
                        ? Future.failedFuture(new IllegalStateException("refresh token family collision"))
                        : Future.succeededFuture(r.toInteger() == 1));
    }

    @Override
    public Future<Rotation> rotate(String familyId, String clientId, String presented, String next,
                                   List<String> requestedScopes) {
        List<Object> args = new ArrayList<>(List.of(ROTATE, 1, RedisOpKeys.refreshFamily(familyId), clientId,
                RedisOpKeys.sha256(presented), RedisOpKeys.sha256(next)));
        args.addAll(requestedScopes);
        return redis.send(Request.cmd(Command.EVAL, args.toArray())).map(r -> outcome(r, familyId));
    }

    private static Rotation outcome(Response r, String familyId) {
        return switch (r.get(0).toInteger()) {
            case 1 -> new Rotation.Rotated(TokenGrantCodec.decode(r.get(1).toString(), familyId));
            case 2 -> new Rotation.Reused();
            case 3 -> new Rotation.WrongClient();
            case 4 -> new Rotation.ScopeExceeded();
            default -> new Rotation.Unknown();
        };
    }

    @Override
    public Future<Void> revoke(String familyId) {
        return redis.send(Request.cmd(Command.DEL, RedisOpKeys.refreshFamily(familyId))).mapEmpty();
    }
}
