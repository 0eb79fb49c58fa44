package jp.jpkigate.idp.store.redis;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.idp.store.RegisteredClientStore;

/**
 * {@link RegisteredClientStore} on Redis, no TTLs:
 * <pre>
 * {jpki:clients}:registered   hash    client id → record JSON
 * {jpki:clients}:version      string  INCR on every write
 * </pre>
 * Both keys share a hash tag (one Cluster slot); each write is one Lua script that changes the
 * record and raises the version together.
 */
public final class RedisRegisteredClientStore implements RegisteredClientStore {
    public static final String RECORDS = "{jpki:clients}:registered";
    public static final String VERSION = "{jpki:clients}:version";
    /** KEYS records, version; ARGV id, record → 1 created, 0 taken. */
    static final String CREATE = "if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 1 then "
            + "redis.call('INCR', KEYS[2]) return 1 end return 0";
    /** KEYS records, version; ARGV id, expected, record → 1 replaced, 0 not. */
    static final String REPLACE = "if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then "
            + "redis.call('HSET', KEYS[1], ARGV[1], ARGV[3]) redis.call('INCR', KEYS[2]) return 1 end return 0";

    private final Redis redis;

    public RedisRegisteredClientStore(Redis redis) {
        this.redis = Objects.requireNonNull(redis, "redis");
    }

    @Override
    public Future<Long> version() {
        return redis.send(Request.cmd(Command.GET, VERSION)).map(r -> r == null ? 0L : r.toLong());
    }

    @Override
    public Future<List<String>> all() {
        return redis.send(Request.cmd(Command.HVALS, RECORDS)).map(r -> {
            List<String> records = new ArrayList<>();
            for (int i = 0; r != null && i < r.size(); i++) {
                records.add(r.get(i).toString());
            }
            return records;
        });
    }

    @Override
    public Future<Optional<String>> find(String clientId) {
        return redis.send(Request.cmd(Command.HGET, RECORDS, clientId)).map(r -> Optional.ofNullable(r).map(Object::toString));
    }

    @Override
    public Future<Boolean> create(String clientId, String record) {
        return redis.send(Request.cmd(Command.EVAL, CREATE, 2, RECORDS, VERSION, clientId, record))
                .map(r -> r != null && r.toInteger() == 1);
    }

    @Override
    public Future<Boolean> replace(String clientId, String expected, String record) {
        return redis.send(Request.cmd(Command.EVAL, REPLACE, 2, RECORDS, VERSION, clientId, expected, record))
                .map(r -> r != null && r.toInteger() == 1);
    }
}
