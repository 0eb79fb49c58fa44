package jp.jpkigate.consent.store.redis;

import io.vertx.redis.client.Redis;
import java.time.Clock;
import java.time.Duration;
import jp.jpkigate.revocation.store.LeaderLease;
import jp.jpkigate.revocation.store.redis.RedisKeys;
import jp.jpkigate.revocation.store.redis.RedisLeaderLease;

/**
 * The leader leases of the J-LIS link's periodic tasks (one replica at a time runs each): the
 * revocation cache's {@link RedisLeaderLease}, under the registry keys' hash tag ({@link RedisConsentKeys}).
 */
public final class RedisRegistryLeases {
    private static final RedisKeys KEYS = new RedisKeys(RedisConsentKeys.REGISTRY_TAG);

    private RedisRegistryLeases() {
    }

    /**
     * @param task     which task, part of the key ({@code A-Z a-z 0-9 . _ : / -})
     * @param holderId this replica, unique, without spaces
     */
    public static LeaderLease lease(Redis redis, String task, String holderId, Duration duration, Clock clock) {
        return new RedisLeaderLease(redis, KEYS, task, holderId, duration, clock);
    }
}
