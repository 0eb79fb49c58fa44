package jp.jpkigate.idp.store.redis;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.idp.session.SsoSession;
import jp.jpkigate.idp.session.SsoSessionCodec;
import jp.jpkigate.idp.store.SsoSessionStore;

/**
 * {@link SsoSessionStore} on Redis: one hash per session ({@code facts}, and {@code c:<client id>}
 * per client), changed only by Lua scripts on that one key (one Cluster slot), so an ended session
 * is never written back; and a string per sid naming the session's handle (its own slot, written
 * and deleted by single commands).
 */
public final class RedisSsoSessionStore implements SsoSessionStore {
    private static final String FACTS = "facts";
    private static final String CLIENT = "c:";
    /** KEYS[1] session; ARGV facts, ttl ms → 1 created, 0 exists. */
    static final String CREATE = "if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end "
            + "redis.call('HSET', KEYS[1], 'facts', ARGV[1]) redis.call('PEXPIRE', KEYS[1], ARGV[2]) return 1";
    /** KEYS[1] session; ARGV facts, ttl ms → 1 updated, 0 gone. */
    static final String UPDATE = "if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end "
            + "redis.call('HSET', KEYS[1], 'facts', ARGV[1]) redis.call('PEXPIRE', KEYS[1], ARGV[2]) return 1";
    /** KEYS[1] session; ARGV client field, new sid, grant id or "", max grants → the client's sid, or nil when gone. */
    static final String JOIN = "if redis.call('EXISTS', KEYS[1]) == 0 then return false end "
            + "local value = redis.call('HGET', KEYS[1], ARGV[1]) or ARGV[2] "
            + "if ARGV[3] ~= '' then value = value .. ' ' .. ARGV[3] "
            + "local _, grants = string.gsub(value, ' ', ' ') "
            + "if grants > tonumber(ARGV[4]) then value = string.gsub(value, '^(%S+) %S+', '%1', 1) end end "
            + "redis.call('HSET', KEYS[1], ARGV[1], value) return string.match(value, '^%S+')";
    /** KEYS[1] session → its fields and values, deleted; nil when gone. */
    static final String REMOVE = "local all = redis.call('HGETALL', KEYS[1]) if #all == 0 then return false end "
            + "redis.call('DEL', KEYS[1]) return all";
    /** KEYS[1] session → its fields and values (a flat array whatever protocol the client speaks). */
    static final String FIND = "return redis.call('HGETALL', KEYS[1])";

    private final Redis redis;

    public RedisSsoSessionStore(Redis redis) {
        this.redis = Objects.requireNonNull(redis, "redis");
    }

    @Override
    public Future<Void> create(String handle, SsoSession session, Duration ttl) {
        return redis.send(Request.cmd(Command.EVAL, CREATE, 1, RedisOpKeys.ssoSession(handle), SsoSessionCodec.encodeFacts(session),
                        millis(ttl)))
                .compose(r -> r != null && r.toInteger() == 1
                        ? Future.<Void>succeededFuture()
                        : Future.failedFuture(new IllegalStateException("session id collision")));
    }

    @Override
    public Future<Optional<SsoSession>> find(String handle) {
        return redis.send(Request.cmd(Command.EVAL, FIND, 1, RedisOpKeys.ssoSession(handle))).map(RedisSsoSessionStore::decode);
    }

    @Override
    public Future<Boolean> update(String handle, SsoSession session, Duration ttl) {
        return redis.send(Request.cmd(Command.EVAL, UPDATE, 1, RedisOpKeys.ssoSession(handle), SsoSessionCodec.encodeFacts(session),
                millis(ttl))).map(r -> r != null && r.toInteger() == 1);
    }

    @Override
    public Future<Optional<String>> join(String handle, String clientId, String newSid, Optional<String> grantId, Duration ttl) {
        return redis.send(Request.cmd(Command.EVAL, JOIN, 1, RedisOpKeys.ssoSession(handle), CLIENT + clientId, newSid,
                        grantId.orElse(""), MAX_GRANTS))
                .compose(r -> {
                    if (r == null) {
                        return Future.succeededFuture(Optional.empty());
                    }
                    String sid = r.toString();
                    return redis.send(Request.cmd(Command.SET, RedisOpKeys.sessionOfSid(sid), handle, "PX", millis(ttl)))
                            .map(v -> Optional.of(sid));
                });
    }

    @Override
    public Future<Optional<SsoSession>> remove(String handle) {
        return redis.send(Request.cmd(Command.EVAL, REMOVE, 1, RedisOpKeys.ssoSession(handle))).compose(r -> {
            Optional<SsoSession> removed = decode(r);
            List<Future<Response>> unindexed = new ArrayList<>();
            removed.ifPresent(s -> s.clients().values().forEach(c ->
                    unindexed.add(redis.send(Request.cmd(Command.DEL, RedisOpKeys.sessionOfSid(c.sid()))))));
            return Future.all(unindexed).map(v -> removed);
        });
    }

    @Override
    public Future<Optional<String>> handleOfSid(String sid) {
        return redis.send(Request.cmd(Command.GET, RedisOpKeys.sessionOfSid(sid)))
                .map(r -> r == null ? Optional.<String>empty() : Optional.of(r.toString()));
    }

    /** A flat array of fields and values (or nil) as a session; empty when there is none. */
    private static Optional<SsoSession> decode(Response r) {
        if (r == null || r.size() == 0) {
            return Optional.empty();
        }
        String facts = null;
        Map<String, String> clients = new LinkedHashMap<>();
        for (int i = 0; i + 1 < r.size(); i += 2) {
            String field = r.get(i).toString();
            if (field.equals(FACTS)) {
                facts = r.get(i + 1).toString();
            } else if (field.startsWith(CLIENT)) {
                clients.put(field.substring(CLIENT.length()), r.get(i + 1).toString());
            }
        }
        if (facts == null) {
            throw new IllegalArgumentException("damaged stored session: no facts");
        }
        return Optional.of(SsoSessionCodec.decode(facts, clients));
    }

    private static long millis(Duration ttl) {
        return Math.max(1, ttl.toMillis());
    }
}
