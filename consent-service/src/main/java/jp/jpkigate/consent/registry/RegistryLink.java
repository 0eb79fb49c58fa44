package jp.jpkigate.consent.registry;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.redis.client.Redis;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.function.Function;
import java.util.function.Supplier;
import jp.jpkigate.consent.ConsentAuditTrail;
import jp.jpkigate.consent.store.redis.RedisConsentChangeLog;
import jp.jpkigate.consent.store.redis.RedisConsentStore;
import jp.jpkigate.consent.store.redis.RedisRegistryCursors;
import jp.jpkigate.consent.store.redis.RedisRegistryLeases;
import jp.jpkigate.consent.store.redis.RedisRegistryQueue;

/**
 * The platform's link to J-LIS's consent registry, wired on Redis and a Vert.x web client: {@link #sync()}
 * (the {@link ConsentRegistration} the person's pages use) and its two periodic tasks, the retry of what
 * J-LIS has not acknowledged and the pull of withdrawals made at J-LIS, each on one replica at a time.
 *
 * @param retry the retry task under its lease ({@link #start()} starts its timer)
 * @param pull  the withdrawal pull under its lease
 */
public record RegistryLink(RegistrySync sync, RegistryRetryTask retryTask, WithdrawalPull pullTask, LeasedTask retry,
                           LeasedTask pull) {
    /** Lease length in intervals: the holder renews at every tick, so it keeps the lease through two missed ticks. */
    private static final int LEASE_INTERVALS = 3;
    private static final int RETRY_BATCH = 100;
    private static final int PULL_PAGE = 500;
    private static final int PULL_PAGES = 20;

    /**
     * @param jlisBase      J-LIS's base URL
     * @param businessNames the name J-LIS records for a business (client id → client_name)
     * @param businesses    the businesses whose J-LIS changes are pulled (clients with the consent scopes)
     * @param holderId      this replica, unique, without spaces
     */
    public static RegistryLink create(Vertx vertx, Redis redis, String jlisBase, Duration timeout, Duration retryEvery,
                                      RetryBackoff backoff, Duration pullEvery, ConsentAuditTrail audit,
                                      Function<String, String> businessNames, Supplier<Collection<String>> businesses,
                                      String holderId, Clock clock) {
        JlisConsentRegistry jlis = new WebJlisConsentRegistry(WebClient.create(vertx,
                new WebClientOptions().setUserAgent("jpkigate-consent")), jlisBase, timeout);
        RedisConsentStore consents = new RedisConsentStore(redis);
        RedisConsentChangeLog changes = new RedisConsentChangeLog(redis);
        RedisRegistryQueue queue = new RedisRegistryQueue(redis);
        RegistrySync sync = new RegistrySync(jlis, consents, changes, queue, audit, businessNames, backoff, clock);
        RegistryRetryTask retryTask = new RegistryRetryTask(queue, sync, clock, RETRY_BATCH);
        WithdrawalPull pullTask = new WithdrawalPull(jlis, consents, changes, new RedisRegistryCursors(redis), audit, businesses,
                PULL_PAGE, PULL_PAGES, clock);
        return new RegistryLink(sync, retryTask, pullTask,
                new LeasedTask(vertx, RedisRegistryLeases.lease(redis, "retry", holderId,
                        retryEvery.multipliedBy(LEASE_INTERVALS), clock), retryEvery, retryTask::runOnce),
                new LeasedTask(vertx, RedisRegistryLeases.lease(redis, "pull", holderId,
                        pullEvery.multipliedBy(LEASE_INTERVALS), clock), pullEvery, pullTask::runOnce));
    }

    /** A backoff of these bounds with a strong random source's jitter. */
    public static RetryBackoff backoff(Duration initial, Duration max) {
        return new RetryBackoff(initial, max, new SecureRandom());
    }

    public void start() {
        retry.start();
        pull.start();
    }

    public Future<Void> stop() {
        return Future.all(retry.stop(), pull.stop()).mapEmpty();
    }
}
