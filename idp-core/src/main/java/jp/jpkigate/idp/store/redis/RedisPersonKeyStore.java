package jp.jpkigate.idp.store.redis;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.idp.store.PersonKeyStore;
import jp.jpkigate.idp.subject.CertificateId;

/**
 * {@link PersonKeyStore} on Redis: one string per certificate under the SHA-256 of its identity
 * (see {@link RedisOpKeys}), without TTL; {@code putIfAbsent} is a Lua script on that one key, so
 * it is atomic and Cluster-safe.
 */
public final class RedisPersonKeyStore implements PersonKeyStore {
    /** Returns the recorded key, recording ARGV[1] first when there is none. */
    private static final String PUT_IF_ABSENT = """
            local recorded = redis.call('GET', KEYS[1])
            if recorded then return recorded end
            redis.call('SET', KEYS[1], ARGV[1])
            return ARGV[1]
            """;

    private final Redis redis;

    public RedisPersonKeyStore(Redis redis) {
        this.redis = Objects.requireNonNull(redis, "redis");
    }

    @Override
    public Future<Optional<String>> find(CertificateId certificate) {
        return redis.send(Request.cmd(Command.GET, key(certificate)))
                .map(r -> r == null ? Optional.<String>empty() : Optional.of(r.toString()));
    }

    @Override
    public Future<String> putIfAbsent(CertificateId certificate, String personKey) {
        return redis.send(Request.cmd(Command.EVAL, PUT_IF_ABSENT, 1, key(certificate), personKey)).map(r -> r.toString());
    }

    private static String key(CertificateId certificate) {
        return RedisOpKeys.personKey(certificate.personKey());
    }
}
