package jp.jpkigate.feed.push;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import jp.jpkigate.feed.metrics.FeedMetrics;
import jp.jpkigate.feed.outbox.ClaimedEvent;
import jp.jpkigate.feed.outbox.Outbox;
import jp.jpkigate.feed.outbox.SetError;
import jp.jpkigate.feed.outbox.Settlement;
import jp.jpkigate.revocation.store.LeaderLease;
import jp.jpkigate.revocation.store.LeaseKeeper;
import jp.jpkigate.revocation.store.LeaseListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RFC 8935 push delivery from the {@link Outbox}: on a Vert.x timer, for every business whose
 * {@link FeedDestinations destination} is push and whose lease this replica holds, release the
 * retries that are due, then claim a batch of ready events (at most one per consent, so posting the
 * batch concurrently keeps each consent's order), POST them ({@link SetPoster}) and settle every
 * answer in one pipelined call: delivered → acknowledged (deleted); refused → dead letter;
 * failed → the retry schedule ({@link RetrySchedule}) or, out of attempts or age, dead letter. A
 * business's rounds repeat while they hand out events, up to {@link PushOptions#maxRounds()}.
 *
 * <p>The per-business lease (the revocation cache's {@link LeaseKeeper} over a {@link LeaderLease}
 * in the business's Redis slot) keeps one replica at a time posting to a business, so a receiver
 * that is down is not hammered by every replica; it is an efficiency guard, not the safety: the
 * outbox's scripts keep order and at-least-once on their own. Events of a replica that died are
 * taken over once their in-flight time runs out. Time is the injected clock; tests call
 * {@link #runOnce()} and advance it.
 */
public final class PushDelivery {
    private static final Logger LOG = LoggerFactory.getLogger(PushDelivery.class);

    private final Vertx vertx;
    private final Context context;
    private final Outbox outbox;
    private final FeedDestinations destinations;
    private final SetPoster poster;
    private final Function<String, LeaderLease> leases;
    private final FeedMetrics metrics;
    private final PushOptions options;
    private final RetrySchedule schedule;
    private final Clock clock;
    private final String replicaId;
    private final Map<String, LeaseKeeper> keepers = new ConcurrentHashMap<>();
    private Future<PushRun> running;
    private long timerId = -1;

    /**
     * @param leases    the push lease of a business for this replica (holder {@code replicaId})
     * @param replicaId this replica, unique: the consumer name in the outbox
     */
    public PushDelivery(Vertx vertx, Outbox outbox, FeedDestinations destinations, SetPoster poster,
                        Function<String, LeaderLease> leases, FeedMetrics metrics, PushOptions options, Clock clock,
                        RandomGenerator random, String replicaId) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.context = vertx.getOrCreateContext();
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.destinations = Objects.requireNonNull(destinations, "destinations");
        this.poster = Objects.requireNonNull(poster, "poster");
        this.leases = Objects.requireNonNull(leases, "leases");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.options = Objects.requireNonNull(options, "options").validate();
        this.schedule = new RetrySchedule(options, random);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.replicaId = Objects.requireNonNull(replicaId, "replicaId");
    }

    /** Runs now and then every {@link PushOptions#interval()}. */
    public Future<Void> start() {
        context.runOnContext(v -> {
            if (timerId < 0) {
                timerId = vertx.setPeriodic(options.interval().toMillis(), id -> run());
            }
        });
        return runOnce().mapEmpty();
    }

    /** Stops the timer and releases the leases this replica holds. */
    public Future<Void> stop() {
        Promise<Void> stopped = Promise.promise();
        context.runOnContext(v -> {
            if (timerId >= 0) {
                vertx.cancelTimer(timerId);
                timerId = -1;
            }
            Future.join(keepers.values().stream().map(LeaseKeeper::stop).toList()).<Void>mapEmpty().onComplete(stopped);
        });
        return stopped.future();
    }

    /**
     * One delivery run over all businesses, on this object's context; a run asked for while one is
     * going joins it. Never fails: problems are logged and retried on the next run.
     */
    public Future<PushRun> runOnce() {
        Promise<PushRun> done = Promise.promise();
        context.runOnContext(v -> run().onComplete(done));
        return done.future();
    }

    private Future<PushRun> run() {
        if (running == null || running.isComplete()) {
            running = outbox.businesses()
                    .compose(clients -> {
                        List<Future<PushRun>> runs = clients.stream().map(this::business).toList();
                        return Future.join(runs).map(v -> runs.stream().map(Future::result)
                                .reduce(PushRun.NOTHING, PushRun::plus));
                    })
                    .recover(failure -> {
                        LOG.warn("push run failed, will run again: {}", failure.toString());
                        return Future.succeededFuture(PushRun.NOTHING);
                    });
        }
        return running;
    }

    private Future<PushRun> business(String clientId) {
        Optional<URI> endpoint = destinations.of(clientId).filter(d -> d.method() == DeliveryMethod.PUSH)
                .flatMap(Destination::endpoint);
        if (endpoint.isEmpty()) {
            return Future.succeededFuture(PushRun.NOTHING);
        }
        LeaseKeeper keeper = keepers.computeIfAbsent(clientId, c -> new LeaseKeeper(vertx, leases.apply(c), clock,
                options.leaseDuration().dividedBy(3), QUIET));
        // a second tick re-acquires a lease that ran out while this replica held it (a long pause)
        return keeper.tick().compose(leading -> leading ? Future.succeededFuture(true) : keeper.tick())
                .compose(leading -> !leading ? Future.succeededFuture(PushRun.NOTHING)
                        : outbox.releaseDueRetries(clientId, options.batchSize()).compose(n -> lanes(clientId, endpoint.get(), keeper)))
                .recover(failure -> {
                    LOG.warn("push to client {} failed, will run again: {}", clientId, failure.toString());
                    return Future.succeededFuture(PushRun.NOTHING);
                });
    }

    private Future<PushRun> lanes(String clientId, URI endpoint, LeaseKeeper keeper) {
        List<Future<PushRun>> lanes = new ArrayList<>(options.lanes());
        for (int i = 0; i < options.lanes(); i++) {
            lanes.add(rounds(clientId, endpoint, keeper, 0, PushRun.NOTHING));
        }
        return Future.join(lanes).transform(v -> {
            PushRun sum = PushRun.NOTHING;
            for (Future<PushRun> lane : lanes) {
                if (lane.failed()) {
                    return Future.failedFuture(lane.cause());
                }
                sum = sum.plus(lane.result());
            }
            return Future.succeededFuture(sum);
        });
    }

    private Future<PushRun> rounds(String clientId, URI endpoint, LeaseKeeper keeper, int round, PushRun sofar) {
        if (round >= options.maxRounds() || !keeper.leading()) {
            return Future.succeededFuture(sofar);
        }
        return outbox.claim(clientId, replicaId, options.batchSize(), options.inFlight())
                .compose(claim -> claim.events().isEmpty() ? Future.succeededFuture(sofar)
                        : deliver(clientId, endpoint, claim.events())
                                .compose(run -> rounds(clientId, endpoint, keeper, round + 1, sofar.plus(run))));
    }

    private Future<PushRun> deliver(String clientId, URI endpoint, List<ClaimedEvent> events) {
        LOG.debug("{} pushes {} event(s) to client {}", replicaId, events.size(), clientId);
        List<Future<PushAnswer>> posts = events.stream()
                .map(e -> poster.post(endpoint, e.event().jwe(), options.timeout())).toList();
        return Future.join(posts).transform(ignored -> {
            Instant now = clock.instant();
            List<Settlement> settlements = new ArrayList<>(events.size());
            for (int i = 0; i < events.size(); i++) {
                Future<PushAnswer> post = posts.get(i);
                PushAnswer answer = post.succeeded() ? post.result() : PushAnswer.unreachable(post.cause());
                settlements.add(settlement(clientId, events.get(i), answer, now));
            }
            return outbox.settle(clientId, settlements).map(results -> count(clientId, settlements, results, now));
        });
    }

    private Settlement settlement(String clientId, ClaimedEvent claimed, PushAnswer answer, Instant now) {
        if (answer instanceof PushAnswer.Delivered) {
            return new Settlement.Acknowledge(claimed.jti());
        }
        if (answer instanceof PushAnswer.Refused refused) {
            LOG.warn("client {} refused SET {}: {} {}", clientId, claimed.jti(), refused.error().err(),
                    refused.error().description());
            return new Settlement.GiveUp(claimed.jti(), Optional.of(claimed.deliveryId()), refused.error());
        }
        PushAnswer.Failed failed = (PushAnswer.Failed) answer;
        int failures = claimed.failedAttempts() + 1;
        Optional<Instant> next = schedule.next(failures, claimed.retryingSince(), now, failed.retryAfter());
        if (next.isPresent()) {
            return new Settlement.Retry(claimed.jti(), claimed.deliveryId(), next.get());
        }
        LOG.warn("push of SET {} to client {} given up after {} attempt(s): {}", claimed.jti(), clientId, failures,
                failed.reason().description());
        return new Settlement.GiveUp(claimed.jti(), Optional.of(claimed.deliveryId()),
                new SetError(failed.reason().err(), "gave up after " + failures + " attempt(s): "
                        + failed.reason().description()));
    }

    private PushRun count(String clientId, List<Settlement> settlements, List<Settlement.Result> results, Instant now) {
        int delivered = 0;
        int retried = 0;
        int dead = 0;
        for (int i = 0; i < settlements.size(); i++) {
            Settlement.Result result = results.get(i);
            if (!result.applied()) {
                continue;
            }
            Settlement s = settlements.get(i);
            if (s instanceof Settlement.Acknowledge) {
                delivered++;
                metrics.delivered(clientId, Duration.between(result.createdAt().orElse(now), now));
            } else if (s instanceof Settlement.Retry) {
                retried++;
                metrics.retried(clientId);
            } else {
                dead++;
                metrics.deadLettered(clientId);
            }
        }
        return new PushRun(delivered, retried, dead);
    }

    private static final LeaseListener QUIET = new LeaseListener() {
        @Override
        public void gained() {
        }

        @Override
        public void lost() {
        }
    };
}
