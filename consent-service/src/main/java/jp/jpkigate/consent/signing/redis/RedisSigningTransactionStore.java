package jp.jpkigate.consent.signing.redis;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.consent.signing.SigningState;
import jp.jpkigate.consent.signing.SigningTransaction;
import jp.jpkigate.consent.signing.SigningTransactionStore;
import jp.jpkigate.idp.login.LoginTransactionId;

/**
 * {@link SigningTransactionStore} on Redis: one hash per transaction,
 * {@code jpkigate:consent:sign:{<id>}} ({@code state}, {@code doc}) with a TTL; creation and
 * compare-and-set are Lua scripts on that one key, so each edge is taken once across replicas and the
 * same code runs on a Cluster. Ids of any other shape never reach Redis.
 */
public final class RedisSigningTransactionStore implements SigningTransactionStore {
    /** KEYS[1]; ARGV state, doc, ttl ms → 1 created, 0 exists. */
    private static final String CREATE = "if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end "
            + "redis.call('HSET', KEYS[1], 'state', ARGV[1], 'doc', ARGV[2]) redis.call('PEXPIRE', KEYS[1], ARGV[3]) return 1";
    /** KEYS[1]; ARGV expected state, new state, new doc → 1 replaced, 0 not. TTL kept. */
    private static final String COMPARE_AND_SET = "if redis.call('HGET', KEYS[1], 'state') == ARGV[1] then "
            + "redis.call('HSET', KEYS[1], 'state', ARGV[2], 'doc', ARGV[3]) return 1 end return 0";

    private final Redis redis;

    public RedisSigningTransactionStore(Redis redis) {
        this.redis = Objects.requireNonNull(redis, "redis");
    }

    static String key(String id) {
        return "jpkigate:consent:sign:{" + id + "}";
    }

    @Override
    public Future<Void> create(SigningTransaction transaction, Duration ttl) {
        if (LoginTransactionId.parse(transaction.id()).isEmpty()) {
            return Future.failedFuture(new IllegalArgumentException("not a signing transaction id"));
        }
        return redis.send(Request.cmd(Command.EVAL, CREATE, 1, key(transaction.id()), transaction.state().name(),
                        SigningTransactionJson.encode(transaction), Math.max(1, ttl.toMillis())))
                .compose(r -> r != null && r.toInteger() == 1
                        ? Future.<Void>succeededFuture()
                        : Future.failedFuture(new IllegalStateException("signing transaction id collision")));
    }

    @Override
    public Future<Optional<SigningTransaction>> find(String id) {
        if (LoginTransactionId.parse(id).isEmpty()) {
            return Future.succeededFuture(Optional.empty());
        }
        return redis.send(Request.cmd(Command.HGET, key(id), "doc"))
                .map(r -> r == null ? Optional.<SigningTransaction>empty() : Optional.of(SigningTransactionJson.decode(r.toString())));
    }

    @Override
    public Future<Boolean> compareAndSet(SigningState expected, SigningTransaction next) {
        return redis.send(Request.cmd(Command.EVAL, COMPARE_AND_SET, 1, key(next.id()), expected.name(), next.state().name(),
                SigningTransactionJson.encode(next))).map(r -> r != null && r.toInteger() == 1);
    }
}
