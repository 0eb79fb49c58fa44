package jp.jpkigate.idp.store.redis;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.idp.login.LoginState;
import jp.jpkigate.idp.login.LoginTransaction;
import jp.jpkigate.idp.login.LoginTransactionCodec;
import jp.jpkigate.idp.login.LoginTransactionId;
import jp.jpkigate.idp.store.LoginTransactionStore;

/**
 * {@link LoginTransactionStore} on Redis: one hash per transaction ({@code state}, {@code doc}) with
 * a TTL. Creation and compare-and-set are Lua scripts, each one atomic command on one key (so they
 * run on one Cluster slot): the state is read and the new value written with nothing in between,
 * which makes a transaction complete once even under concurrent posts on different replicas.
 */
public final class RedisLoginTransactionStore implements LoginTransactionStore {
    /** KEYS[1] key; ARGV state, doc, ttl ms → 1 created, 0 exists. */
    static final String CREATE = "if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end "
            + "redis.call('HSET', KEYS[1], 'state', ARGV[1], 'doc', ARGV[2]) "
            + "redis.call('PEXPIRE', KEYS[1], ARGV[3]) return 1";
    /** KEYS[1] key; ARGV expected state, new state, new doc → 1 replaced, 0 not (missing or other state). TTL kept. */
    static final String COMPARE_AND_SET = "if redis.call('HGET', KEYS[1], 'state') == ARGV[1] then "
            + "redis.call('HSET', KEYS[1], 'state', ARGV[2], 'doc', ARGV[3]) return 1 end return 0";

    private final Redis redis;

    public RedisLoginTransactionStore(Redis redis) {
        this.redis = Objects.requireNonNull(redis, "redis");
    }

    @Override
    public Future<Void> create(LoginTransaction transaction, Duration ttl) {
        if (LoginTransactionId.parse(transaction.id()).isEmpty()) {
            return Future.failedFuture(new IllegalArgumentException("not a login transaction id"));
        }
        return redis.send(Request.cmd(Command.EVAL, CREATE, 1, RedisOpKeys.loginTransaction(transaction.id()),
                        transaction.state().name(), LoginTransactionCodec.encode(transaction), Math.max(1, ttl.toMillis())))
                .compose(r -> r != null && r.toInteger() == 1
                        ? Future.<Void>succeededFuture()
                        : Future.failedFuture(new IllegalStateException("login transaction id collision")));
    }

    @Override
    public Future<Optional<LoginTransaction>> get(String id) {
        if (LoginTransactionId.parse(id).isEmpty()) {
            return Future.succeededFuture(Optional.empty());
        }
        return redis.send(Request.cmd(Command.HGET, RedisOpKeys.loginTransaction(id), "doc"))
                .map(r -> r == null ? Optional.<LoginTransaction>empty() : Optional.of(LoginTransactionCodec.decode(r.toString())));
    }

    @Override
    public Future<Boolean> compareAndSet(LoginState expected, LoginTransaction next) {
        if (LoginTransactionId.parse(next.id()).isEmpty()) {
            return Future.succeededFuture(false);
        }
        return redis.send(Request.cmd(Command.EVAL, COMPARE_AND_SET, 1, RedisOpKeys.loginTransaction(next.id()),
                        expected.name(), next.state().name(), LoginTransactionCodec.encode(next)))
                .map(r -> r != null && r.toInteger() == 1);
    }
}
