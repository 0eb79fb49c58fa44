package jp.jpkigate.revocation.store.redis;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import jp.jpkigate.revocation.store.LeaderLease;

/**
 * {@link LeaderLease} on one Redis key ({@link RedisKeys#lease}) holding
 * {@code "expiryMillis holderId"}. Each operation is one Lua script that compares the stored
 * holder and expiry with the caller's holder and {@code now} from the injected {@link Clock}, so
 * the decision is atomic and time is whatever the clock says (tests advance a mutable clock).
 * Each write also sets a PX TTL of the lease duration plus half of it (at least a second): a
 * safety net that frees the key if clocks or holders go wrong.
 */
public final class RedisLeaderLease implements LeaderLease {
    /** KEYS[1] lease; ARGV holder, now, new expiry, ttl. Takes the lease if free, expired or ours. */
    private static final String ACQUIRE = """
            local v = redis.call('GET', KEYS[1])
            if v then
              local sep = string.find(v, ' ', 1, true)
              local expiry = tonumber(string.sub(v, 1, sep - 1))
              if string.sub(v, sep + 1) ~= ARGV[1] and expiry > tonumber(ARGV[2]) then return 0 end
            end
            redis.call('SET', KEYS[1], ARGV[3] .. ' ' .. ARGV[1], 'PX', ARGV[4])
            return 1
            """;
    /** Same arguments. Extends the lease only if ours and not expired. */
    private static final String RENEW = """
            local v = redis.call('GET', KEYS[1])
            if not v then return 0 end
            local sep = string.find(v, ' ', 1, true)
            local expiry = tonumber(string.sub(v, 1, sep - 1))
            if string.sub(v, sep + 1) ~= ARGV[1] or expiry <= tonumber(ARGV[2]) then return 0 end
            redis.call('SET', KEYS[1], ARGV[3] .. ' ' .. ARGV[1], 'PX', ARGV[4])
            return 1
            """;
    /** KEYS[1] lease; ARGV holder. Deletes the lease only if ours. */
    private static final String RELEASE = """
            local v = redis.call('GET', KEYS[1])
            if not v then return 0 end
            local sep = string.find(v, ' ', 1, true)
            if string.sub(v, sep + 1) ~= ARGV[1] then return 0 end
            redis.call('DEL', KEYS[1])
            return 1
            """;

    private final Redis redis;
    private final String key;
    private final String holderId;
    private final Duration duration;
    private final Clock clock;

    /**
     * @param name     which lease (one per ingest job), part of the key
     * @param holderId this replica, unique (for example pod name plus a random suffix); no spaces
     */
    public RedisLeaderLease(Redis redis, RedisKeys keys, String name, String holderId, Duration duration,
            Clock clock) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.key = keys.lease(name);
        this.holderId = Objects.requireNonNull(holderId, "holderId");
        this.duration = Objects.requireNonNull(duration, "duration");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (holderId.isEmpty() || holderId.contains(" ") || duration.toMillis() < 1) {
            throw new IllegalArgumentException("need a holder id without spaces and a positive duration");
        }
    }

    @Override
    public String holderId() {
        return holderId;
    }

    @Override
    public Duration duration() {
        return duration;
    }

    @Override
    public Future<Boolean> acquire() {
        return timed(ACQUIRE);
    }

    @Override
    public Future<Boolean> renew() {
        return timed(RENEW);
    }

    @Override
    public Future<Boolean> release() {
        return redis.send(Request.cmd(Command.EVAL).arg(RELEASE).arg(1).arg(key).arg(holderId))
                .map(r -> r.toInteger() == 1);
    }

    private Future<Boolean> timed(String script) {
        long now = clock.millis();
        long lease = duration.toMillis();
        long ttl = lease + Math.max(1000, lease / 2);
        return redis.send(Request.cmd(Command.EVAL).arg(script).arg(1).arg(key).arg(holderId).arg(now)
                .arg(now + lease).arg(ttl)).map(r -> r.toInteger() == 1);
    }
}
