package jp.jpkigate.idp.store.redis;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.idp.store.ApprovalWithdrawalStore;

/**
 * {@link ApprovalWithdrawalStore} on Redis: a string per (client, subject) holding the epoch
 * milliseconds of the last revocation; a Lua script keeps the later instant and the longer TTL.
 */
public final class RedisApprovalWithdrawalStore implements ApprovalWithdrawalStore {
    /** KEYS[1]; ARGV instant ms, ttl ms. */
    private static final String RECORD = "local old = tonumber(redis.call('GET', KEYS[1]) or '0') "
            + "if tonumber(ARGV[1]) > old then redis.call('SET', KEYS[1], ARGV[1]) end "
            + "if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[2]) then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end "
            + "return 1";

    private final Redis redis;

    public RedisApprovalWithdrawalStore(Redis redis) {
        this.redis = Objects.requireNonNull(redis, "redis");
    }

    @Override
    public Future<Void> record(String clientId, String subject, Instant revokedAt, Duration ttl) {
        return redis.send(Request.cmd(Command.EVAL, RECORD, 1, RedisOpKeys.grantRevocation(clientId, subject),
                revokedAt.toEpochMilli(), Math.max(1, ttl.toMillis()))).mapEmpty();
    }

    @Override
    public Future<Optional<Instant>> revokedAt(String clientId, String subject) {
        return redis.send(Request.cmd(Command.GET, RedisOpKeys.grantRevocation(clientId, subject)))
                .map(r -> r == null ? Optional.<Instant>empty() : Optional.of(Instant.ofEpochMilli(Long.parseLong(r.toString()))));
    }
}
