package jp.jpkigate.feed.flow;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.redis.client.Redis;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import jp.jpkigate.consent.ItemDigester;
import jp.jpkigate.consent.registry.LeasedTask;
import jp.jpkigate.consent.registry.RetryBackoff;
import jp.jpkigate.consent.store.redis.RedisConsentChangeLog;
import jp.jpkigate.consent.store.redis.RedisConsentStore;
import jp.jpkigate.feed.detect.JlisCaDirectory;
import jp.jpkigate.feed.detect.ProvisionQueue;
import jp.jpkigate.feed.detect.RevocationDetector;
import jp.jpkigate.feed.detect.StatusCheck;
import jp.jpkigate.feed.detect.WatchList;
import jp.jpkigate.feed.detect.WebFourInformationSource;
import jp.jpkigate.feed.detect.redis.DetectKeys;
import jp.jpkigate.feed.detect.redis.RedisDetectMarks;
import jp.jpkigate.feed.detect.redis.RedisProvisionQueue;
import jp.jpkigate.feed.detect.redis.RedisRevocationFeed;
import jp.jpkigate.feed.detect.redis.RedisWatchList;
import jp.jpkigate.feed.outbox.Outbox;
import jp.jpkigate.feed.set.SetIssuer;
import jp.jpkigate.idp.client.ClientKeys;
import jp.jpkigate.idp.client.ClientRegistry;
import jp.jpkigate.idp.client.RegisteredClient;
import jp.jpkigate.idp.jpki.TrustAnchors;
import jp.jpkigate.revocation.service.RevocationService;
import jp.jpkigate.revocation.store.redis.RedisKeys;
import jp.jpkigate.revocation.store.redis.RedisLeaderLease;

/**
 * The feed's detect-and-fetch, wired on Redis, a Vert.x web client to J-LIS and the outbox: the consent change
 * logs followed into the watch list, the revocation stream turned into provision tasks, the tasks run against
 * J-LIS into SETs in the outbox, and the daily status check. The three frequent tasks share one lease (so they
 * run on one replica and a consent's provision and withdrawal never interleave); the status check has its own.
 * {@link #start()} starts the timers (call on the context they should run on); tests call the parts'
 * {@code runOnce()} with a clock they move.
 *
 * <p>Wiring (the gateway):
 * <pre>{@code
 * ItemDigester digests = new ItemDigester(secretKeyBytes);          // the same instance goes to ConsentPageRoutes.Wiring
 * FeedLink feed = FeedLink.create(vertx, redis, jlisBaseUrl, RedisKeys.DEFAULT, revocationService, outbox, setIssuer,
 *         clientRegistry, OpenIdProviderRoutes.clientKeys(vertx, clock), trustAnchors, digests, FeedLinkOptions.defaults(),
 *         replicaId, clock);
 * feed.start();   ...   feed.stop();
 * }</pre>
 */
public final class FeedLink {
    private static final String DETECT_LEASE = "detect";
    private static final String STATUS_LEASE = "status-check";
    /** The status check's tick: it runs when a whole {@code statusCheckEvery} has passed since the last one. */
    private static final Duration STATUS_TICK = Duration.ofMinutes(1);

    private final ConsentFollower follower;
    private final RevocationDetector detector;
    private final Provisioner provisioner;
    private final StatusCheck statusCheck;
    private final WatchList watches;
    private final ProvisionQueue queue;
    private final List<LeasedTask> tasks;

    private FeedLink(ConsentFollower follower, RevocationDetector detector, Provisioner provisioner, StatusCheck statusCheck,
                     WatchList watches, ProvisionQueue queue, List<LeasedTask> tasks) {
        this.follower = follower;
        this.detector = detector;
        this.provisioner = provisioner;
        this.statusCheck = statusCheck;
        this.watches = watches;
        this.queue = queue;
        this.tasks = List.copyOf(tasks);
    }

    /**
     * @param jlisBase       J-LIS's base URL ({@code /jlis/four-information} and its CA list {@code /ca} under it)
     * @param revocationKeys the revocation cache's key layout: its change stream is read with a consumer group
     * @param revocation     the revocation cache (the status check asks it)
     * @param clients        the client registry: the businesses with a feed ({@code feed_delivery_method}) and their keys
     * @param clientKeys     where the keys of a business with a {@code jwks_uri} are fetched and cached (the OP's
     *                       {@code RemoteClientKeys})
     * @param anchors        the OP's trust anchors (consents name certificates by anchor id)
     * @param digests        the keyed item digests, the same key the consent pages use
     * @param holderId       this replica, unique, without spaces (lease holder and stream consumer name)
     */
    public static FeedLink create(Vertx vertx, Redis redis, String jlisBase, RedisKeys revocationKeys, RevocationService revocation,
                                  Outbox outbox, SetIssuer sets, ClientRegistry clients, ClientKeys clientKeys, TrustAnchors anchors,
                                  ItemDigester digests, FeedLinkOptions options, String holderId, Clock clock) {
        options.validate();
        Objects.requireNonNull(holderId, "holderId");
        WebClient web = WebClient.create(vertx, new WebClientOptions().setUserAgent("jpkigate-feed").setFollowRedirects(false));
        JlisCaDirectory directory = new JlisCaDirectory(web, jlisBase, options.jlisTimeout(), anchors);
        RedisWatchList watches = new RedisWatchList(redis, options.endedRetention());
        RedisProvisionQueue queue = new RedisProvisionQueue(redis);
        RedisDetectMarks marks = new RedisDetectMarks(redis);
        RedisConsentStore consents = new RedisConsentStore(redis);
        EventDispatch dispatch = new EventDispatch(sets, clients, clientKeys, outbox, clock);
        ConsentLocks locks = new ConsentLocks();
        ConsentEnding ending = new ConsentEnding(watches, queue, dispatch);
        Supplier<Collection<String>> businesses = () -> clients.all().stream().filter(c -> c.feed().enabled())
                .map(RegisteredClient::clientId).toList();
        StatusCheck statusCheck = new StatusCheck(watches, directory, revocation, queue, marks, options.statusCheckEvery(), clock,
                options.statusPage());
        ConsentFollower follower = new ConsentFollower(new RedisConsentChangeLog(redis), consents, watches, statusCheck, ending,
                locks, marks, businesses, clock, options.followPage());
        RevocationDetector detector = new RevocationDetector(new RedisRevocationFeed(redis, revocationKeys, holderId), directory,
                watches, queue, clock, options.detectBatch());
        Provisioner provisioner = new Provisioner(queue, watches, consents, directory,
                new WebFourInformationSource(web, jlisBase, options.jlisTimeout()), digests, dispatch, ending, locks,
                new RetryBackoff(options.retryInitial(), options.retryMax(), new SecureRandom()), options.giveUpAfter(), clock,
                options.provisionBatch());
        return new FeedLink(follower, detector, provisioner, statusCheck, watches, queue, List.of(
                leased(vertx, redis, DETECT_LEASE, holderId, options.leaseTtl(), options.followEvery(), follower::runOnce, clock),
                leased(vertx, redis, DETECT_LEASE, holderId, options.leaseTtl(), options.detectEvery(), detector::runOnce, clock),
                leased(vertx, redis, DETECT_LEASE, holderId, options.leaseTtl(), options.provisionEvery(), provisioner::runOnce, clock),
                leased(vertx, redis, STATUS_LEASE, holderId, STATUS_TICK.multipliedBy(3), STATUS_TICK, statusCheck::runIfDue, clock)));
    }

    private static LeasedTask leased(Vertx vertx, Redis redis, String lease, String holderId, Duration ttl,
                                     Duration every, Supplier<Future<?>> work, Clock clock) {
        return new LeasedTask(vertx, new RedisLeaderLease(redis, DetectKeys.LEASES, lease, holderId, ttl, clock), every, work);
    }

    public void start() {
        tasks.forEach(LeasedTask::start);
    }

    public Future<Void> stop() {
        return Future.all(tasks.stream().map(LeasedTask::stop).toList()).mapEmpty();
    }

    /** One pass of the consent change logs: changes processed. */
    public Future<Integer> follow() {
        return follower.runOnce();
    }

    /** One batch of the revocation stream: provision tasks created. */
    public Future<Integer> detect() {
        return detector.runOnce();
    }

    /** The provision tasks due now: how many ran. */
    public Future<Integer> provision() {
        return provisioner.runOnce();
    }

    /** A full status check now: provision tasks created. */
    public Future<Integer> checkStatus() {
        return statusCheck.runOnce();
    }

    public WatchList watches() {
        return watches;
    }

    public ProvisionQueue queue() {
        return queue;
    }
}
