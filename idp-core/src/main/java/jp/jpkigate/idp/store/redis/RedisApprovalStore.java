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
import java.util.Optional;
import jp.jpkigate.idp.approval.Approval;
import jp.jpkigate.idp.approval.ApprovalCodec;
import jp.jpkigate.idp.store.ApprovalStore;

/**
 * {@link ApprovalStore} on Redis: one hash per person (field = client id, value = the approval's
 * JSON), so one person's approvals live in one Cluster slot and one key. Saving is a Lua script
 * that writes the field and lengthens the key's TTL, never shortens it.
 */
public final class RedisApprovalStore implements ApprovalStore {
    /** KEYS[1] person; ARGV client, approval JSON, keep ms. */
    private static final String SAVE = "redis.call('HSET', KEYS[1], ARGV[1], ARGV[2]) "
            + "if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[3]) then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end "
            + "return 1";

    private final Redis redis;

    public RedisApprovalStore(Redis redis) {
        this.redis = Objects.requireNonNull(redis, "redis");
    }

    @Override
    public Future<Void> save(String personKey, Approval approval, Duration keep) {
        return redis.send(Request.cmd(Command.EVAL, SAVE, 1, RedisOpKeys.approvals(personKey), approval.clientId(),
                ApprovalCodec.encode(approval), Math.max(1, keep.toMillis()))).mapEmpty();
    }

    @Override
    public Future<Optional<Approval>> find(String personKey, String clientId) {
        return redis.send(Request.cmd(Command.HGET, RedisOpKeys.approvals(personKey), clientId))
                .map(r -> r == null ? Optional.<Approval>empty() : Optional.of(ApprovalCodec.decode(r.toString())));
    }

    @Override
    public Future<List<Approval>> list(String personKey) {
        return redis.send(Request.cmd(Command.HVALS, RedisOpKeys.approvals(personKey))).map(r -> {
            List<Approval> out = new ArrayList<>();
            if (r != null) {
                for (Response value : r) {
                    out.add(ApprovalCodec.decode(value.toString()));
                }
            }
            return out;
        });
    }

    @Override
    public Future<Boolean> delete(String personKey, String clientId) {
        return redis.send(Request.cmd(Command.HDEL, RedisOpKeys.approvals(personKey), clientId))
                .map(r -> r != null && r.toInteger() > 0);
    }
}
