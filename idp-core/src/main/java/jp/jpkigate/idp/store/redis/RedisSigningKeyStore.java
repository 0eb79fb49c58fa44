package jp.jpkigate.idp.store.redis;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.idp.store.SigningKeyStore;

/**
 * {@link SigningKeyStore} on Redis: the hash {@value #KEY} with the fields {@code version} and
 * {@code doc} (the sealed key set JSON; private keys encrypted with the key-encryption key), no TTL.
 * The compare-and-set is one Lua script on one key. Durable as Redis is (AOF in production).
 */
public final class RedisSigningKeyStore implements SigningKeyStore {
    /** The hash tag keeps every key of the OP's key management in one Cluster slot. */
    public static final String KEY = "{jpki:keys}:signing";
    /** KEYS[1]; ARGV expected version ("0": absent), new version, doc → 1 written, 0 not. */
    static final String COMPARE_AND_SET = "local v = redis.call('HGET', KEYS[1], 'version') "
            + "if (v == false and ARGV[1] == '0') or v == ARGV[1] then "
            + "redis.call('HSET', KEYS[1], 'version', ARGV[2], 'doc', ARGV[3]) return 1 end return 0";

    private final Redis redis;

    public RedisSigningKeyStore(Redis redis) {
        this.redis = Objects.requireNonNull(redis, "redis");
    }

    @Override
    public Future<Optional<Versioned>> load() {
        return redis.send(Request.cmd(Command.HMGET, KEY, "version", "doc")).map(r -> {
            if (r == null || r.get(0) == null || r.get(1) == null) {
                return Optional.empty();
            }
            return Optional.of(new Versioned(r.get(0).toLong(), r.get(1).toString()));
        });
    }

    @Override
    public Future<Long> version() {
        return redis.send(Request.cmd(Command.HGET, KEY, "version")).map(r -> r == null ? 0L : r.toLong());
    }

    @Override
    public Future<Boolean> compareAndSet(long expectedVersion, String document) {
        return redis.send(Request.cmd(Command.EVAL, COMPARE_AND_SET, 1, KEY, Long.toString(expectedVersion),
                        Long.toString(expectedVersion + 1), document))
                .map(r -> r != null && r.toInteger() == 1);
    }
}
