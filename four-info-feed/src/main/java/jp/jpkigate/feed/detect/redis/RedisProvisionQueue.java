package jp.jpkigate.feed.detect.redis;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import jp.jpkigate.feed.detect.ProvisionQueue;
import jp.jpkigate.feed.detect.ProvisionTask;
import jp.jpkigate.feed.detect.ProvisionTaskJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link ProvisionQueue} as a zset of due times beside a hash of task JSON, in one slot ({@link DetectKeys}). */
public final class RedisProvisionQueue implements ProvisionQueue {
    private static final Logger LOG = LoggerFactory.getLogger(RedisProvisionQueue.class);
    /** KEYS zset, hash; ARGV consent, due ms, JSON. */
    private static final String OFFER = "if redis.call('HSETNX', KEYS[2], ARGV[1], ARGV[3]) == 0 then return 0 end "
            + "redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1]) return 1";
    /** KEYS zset, hash; ARGV consent, due ms, JSON. */
    private static final String RESCHEDULE = "redis.call('HSET', KEYS[2], ARGV[1], ARGV[3]) "
            + "redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1]) return 1";
    /** KEYS zset, hash; ARGV now ms, max. Returns consent, JSON, consent, JSON … */
    private static final String DUE = "local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, ARGV[2]) "
            + "local out = {} for _, id in ipairs(ids) do local t = redis.call('HGET', KEYS[2], id) "
            + "if t then table.insert(out, id) table.insert(out, t) else redis.call('ZREM', KEYS[1], id) end end return out";

    private final Redis redis;

    public RedisProvisionQueue(Redis redis) {
        this.redis = Objects.requireNonNull(redis, "redis");
    }

    @Override
    public Future<Boolean> offer(ProvisionTask task, Instant due) {
        return script(OFFER, task.consentId(), due.toEpochMilli(), ProvisionTaskJson.encode(task)).map(r -> r.toInteger() == 1);
    }

    @Override
    public Future<Void> reschedule(ProvisionTask task, Instant due) {
        return script(RESCHEDULE, task.consentId(), due.toEpochMilli(), ProvisionTaskJson.encode(task)).mapEmpty();
    }

    @Override
    public Future<List<ProvisionTask>> due(Instant now, int max) {
        return script(DUE, now.toEpochMilli(), max).compose(r -> {
            List<ProvisionTask> tasks = new ArrayList<>();
            List<Future<Void>> dropped = new ArrayList<>();
            for (int i = 0; r != null && i + 1 < r.size(); i += 2) {
                String id = r.get(i).toString();
                try {
                    ProvisionTask task = ProvisionTaskJson.decode(r.get(i + 1).toString());
                    if (!task.consentId().equals(id)) {
                        throw new IllegalArgumentException("task stored under another consent");
                    }
                    tasks.add(task);
                } catch (IllegalArgumentException e) {
                    LOG.error("dropping a damaged provision task of consent {}", id);
                    dropped.add(done(id));
                }
            }
            return Future.all(dropped).map(tasks);
        });
    }

    @Override
    public Future<Void> done(String consentId) {
        return redis.batch(List.of(Request.cmd(Command.ZREM, DetectKeys.tasks(), consentId),
                Request.cmd(Command.HDEL, DetectKeys.task(), consentId))).mapEmpty();
    }

    private Future<Response> script(String script, Object... args) {
        Object[] all = new Object[args.length + 4];
        all[0] = script;
        all[1] = 2;
        all[2] = DetectKeys.tasks();
        all[3] = DetectKeys.task();
        System.arraycopy(args, 0, all, 4, args.length);
        return redis.send(Request.cmd(Command.EVAL, all));
    }
}
