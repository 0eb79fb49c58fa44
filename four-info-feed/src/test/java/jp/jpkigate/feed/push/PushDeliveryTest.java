package jp.jpkigate.feed.push;

import static jp.jpkigate.testing.TestRedis.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import jp.jpkigate.feed.metrics.InProcessFeedMetrics;
import jp.jpkigate.feed.outbox.DeadLetter;
import jp.jpkigate.feed.outbox.OutboxEvent;
import jp.jpkigate.feed.outbox.redis.RedisOutbox;
import jp.jpkigate.feed.push.ScriptedReceiver.Reply;
import jp.jpkigate.revocation.store.LeaderLease;
import jp.jpkigate.revocation.store.redis.RedisLeaderLease;
import jp.jpkigate.testing.MutableClock;
import jp.jpkigate.testing.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Push delivery against a real Redis and a real HTTP receiver that answers as scripted. */
class PushDeliveryTest {
    static final Instant T0 = Instant.parse("2026-11-23T01:00:00Z");
    static final PushOptions OPTIONS = PushOptions.defaults().withTimeout(Duration.ofMillis(300))
            .withRetry(Duration.ofSeconds(1), Duration.ofMinutes(5), 1000, Duration.ofHours(72));
    private static TestRedis server;
    private static Vertx vertx;
    private static Redis redis;

    private final MutableClock clock = new MutableClock(T0);
    private final RedisOutbox outbox = new RedisOutbox(redis, clock);
    private final InProcessFeedMetrics metrics = new InProcessFeedMetrics();
    private final String client = "bank-" + UUID.randomUUID();
    private ScriptedReceiver receiver;
    private WebSetPoster poster;
    private volatile URI endpoint;

    @BeforeAll
    static void start() throws Exception {
        server = TestRedis.start();
        vertx = Vertx.vertx(new VertxOptions().setMaxEventLoopExecuteTime(200).setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS));
        redis = Redis.createClient(vertx, server.options().setMaxPoolWaiting(4096));
    }

    @AfterAll
    static void stop() throws Exception {
        await(vertx.close());
        server.close();
    }

    @BeforeEach
    void receiver() throws Exception {
        receiver = await(ScriptedReceiver.start(vertx));
        endpoint = receiver.endpoint();
        poster = new WebSetPoster(vertx, 16);
    }

    @AfterEach
    void closeReceiver() throws Exception {
        await(receiver.close());
        poster.close();
    }

    private PushDelivery replica(String id, PushOptions options, Function<String, LeaderLease> leases) {
        return new PushDelivery(vertx, outbox, c -> c.equals(client) ? Optional.of(Destination.push(endpoint)) : Optional.empty(),
                poster, leases, metrics, options, clock, new Random(7), id);
    }

    private PushDelivery replica(String id) {
        return replica(id, OPTIONS, c -> lease(c, "push", id));
    }

    private LeaderLease lease(String clientId, String name, String holder) {
        return new RedisLeaderLease(redis, RedisOutbox.leaseKeys(clientId), name, holder, OPTIONS.leaseDuration(), clock);
    }

    /** consents × perConsent events, body "jwe-of-<consent>-<n>". */
    private List<OutboxEvent> enqueue(int consents, int perConsent) throws Exception {
        List<OutboxEvent> events = new ArrayList<>();
        for (int n = 0; n < perConsent; n++) {
            for (int c = 0; c < consents; c++) {
                String jti = "c" + c + "-" + n;
                events.add(new OutboxEvent(jti, client, "c" + c, "jwe-of-" + jti, clock.instant()));
            }
        }
        assertThat(await(outbox.enqueueAll(events))).containsOnly(true);
        return events;
    }

    /** Accepted events per consent, in arrival order: must be 0, 1, 2, … with no gap and no repeat. */
    private void assertAcceptedInOrder(int consents, int perConsent) {
        Map<String, List<Integer>> byConsent = new LinkedHashMap<>();
        for (String body : receiver.accepted) {
            String jti = body.substring("jwe-of-".length());
            int dash = jti.indexOf('-');
            byConsent.computeIfAbsent(jti.substring(0, dash), k -> new ArrayList<>()).add(Integer.parseInt(jti.substring(dash + 1)));
        }
        assertThat(byConsent).hasSize(consents);
        List<Integer> expected = new ArrayList<>();
        for (int n = 0; n < perConsent; n++) {
            expected.add(n);
        }
        byConsent.values().forEach(sequence -> assertThat(sequence).isEqualTo(expected));
        assertThat(receiver.protocolErrors).isEmpty();
    }

    private void assertNothingLeft() throws Exception {
        assertThat(await(outbox.depth(client))).isZero();
        assertThat(TestRedis.call(redis, Command.XLEN, "{" + streamTag() + "}:stream").toLong()).isZero();
    }

    private String streamTag() throws Exception {
        // the stream key is found through the lease layout: same tag
        String lease = RedisOutbox.leaseKeys(client).lease("push");
        return lease.substring(1, lease.indexOf('}'));
    }

    @Test
    void deliversEveryEventInOrderPerConsentAndKeepsNothing() throws Exception {
        enqueue(5, 4);
        PushRun run = await(replica("r1").runOnce());
        assertThat(run.delivered()).isEqualTo(20);
        assertAcceptedInOrder(5, 4);
        assertNothingLeft();
        assertThat(metrics.deliveredCount(client)).isEqualTo(20);
    }

    @Test
    void aReceiverDownForAnHourGetsEverythingInOrderWhenItIsBack() throws Exception {
        enqueue(3, 4);
        PushDelivery replica = replica("r1");
        endpoint = URI.create("http://127.0.0.1:1/unreachable"); // connection refused for the first half hour
        for (int minute = 1; minute <= 60; minute++) {
            if (minute == 30) {
                endpoint = receiver.endpoint();
                receiver.script(body -> Reply.of(503)); // then up but failing
            }
            await(replica.runOnce());
            clock.advance(Duration.ofMinutes(1));
        }
        assertThat(receiver.accepted).isEmpty();
        assertThat(await(outbox.depth(client))).isEqualTo(12);
        assertThat(await(outbox.deadLetterCount(client))).isZero();
        assertThat(metrics.retriedCount(client)).isGreaterThan(3 * 10);
        assertThat(receiver.times("jwe-of-c0-1")).isZero(); // the second event never went before the first
        receiver.script(body -> Reply.ACCEPT);
        for (int i = 0; i < 5 && await(outbox.depth(client)) > 0; i++) {
            clock.advance(OPTIONS.retryCap());
            await(replica.runOnce());
        }
        assertAcceptedInOrder(3, 4);
        assertNothingLeft();
    }

    @Test
    void underRandomFailuresEveryEventArrivesAtLeastOnceAndInOrder() throws Exception {
        enqueue(20, 5);
        Random random = new Random(8935);
        receiver.script(body -> {
            synchronized (random) {
                int r = random.nextInt(100);
                if (r < 5) { // the receiver took it, but its answer is lost: the SET will come again
                    receiver.accepted.add(body);
                    return Reply.of(502);
                }
                return r < 55 ? Reply.ACCEPT : r < 80 ? Reply.of(503) : Reply.error("invalid_key");
            }
        });
        PushDelivery a = replica("a");
        PushDelivery b = replica("b");
        for (int i = 0; i < 100 && await(outbox.depth(client)) > 0; i++) {
            await(a.runOnce());
            await(b.runOnce());
            clock.advance(Duration.ofSeconds(i % 7 == 6 ? 40 : 20)); // now and then b takes over a's lease
        }
        assertThat(await(outbox.depth(client))).isZero();
        // an event that came again came right after itself (before the consent's next one): drop such repeats
        List<String> firstArrivals = new ArrayList<>();
        Map<String, String> lastOfConsent = new LinkedHashMap<>();
        for (String body : receiver.accepted) {
            String consent = body.substring("jwe-of-".length(), body.lastIndexOf('-'));
            if (!body.equals(lastOfConsent.put(consent, body))) {
                firstArrivals.add(body);
            }
        }
        assertThat(firstArrivals.size()).isLessThan(receiver.accepted.size()); // some did come twice
        receiver.accepted.clear();
        receiver.accepted.addAll(firstArrivals);
        assertAcceptedInOrder(20, 5);
        assertNothingLeft();
    }

    @Test
    void aRefusedSetIsDeadLetteredAtOnceAndTheConsentGoesOn() throws Exception {
        enqueue(1, 3);
        receiver.script(body -> body.equals("jwe-of-c0-1") ? Reply.error("invalid_audience") : Reply.ACCEPT);
        PushRun run = await(replica("r1").runOnce());
        assertThat(run.deadLettered()).isEqualTo(1);
        assertThat(run.delivered()).isEqualTo(2);
        List<DeadLetter> dead = await(outbox.deadLetters(client, "0", 10));
        assertThat(dead).singleElement().satisfies(d -> {
            assertThat(d.jti()).isEqualTo("c0-1");
            assertThat(d.error().err()).isEqualTo("invalid_audience");
        });
        receiver.script(body -> Reply.ACCEPT);
        assertThat(await(outbox.requeue(client, "c0-1"))).isTrue();
        assertThat(await(replica("r1").runOnce()).delivered()).isEqualTo(1);
        assertThat(receiver.accepted).containsExactly("jwe-of-c0-0", "jwe-of-c0-2", "jwe-of-c0-1");
        assertNothingLeft();
    }

    @Test
    void invalidKeyAndServerErrorsAreRetriedAndRetryAfterIsHonoured() throws Exception {
        enqueue(2, 1);
        receiver.script(body -> body.equals("jwe-of-c0-0") ? Reply.error("invalid_key")
                : new Reply(429, "", Map.of("Retry-After", "120")));
        PushDelivery replica = replica("r1");
        assertThat(await(replica.runOnce()).retried()).isEqualTo(2);
        receiver.script(body -> Reply.ACCEPT);
        clock.advance(Duration.ofSeconds(2)); // the first retry waits at most the base (1 s)
        assertThat(await(replica.runOnce()).delivered()).isEqualTo(1);
        assertThat(receiver.accepted).containsExactly("jwe-of-c0-0");
        clock.advance(Duration.ofSeconds(118)); // Retry-After: 120 s
        assertThat(await(replica.runOnce()).delivered()).isEqualTo(1);
        assertNothingLeft();
    }

    @Test
    void aReceiverThatNeverAnswersTimesOutAndIsRetried() throws Exception {
        enqueue(1, 2);
        receiver.script(body -> body.equals("jwe-of-c0-0") && receiver.times(body) == 1 ? Reply.HANG : Reply.ACCEPT);
        PushDelivery replica = replica("r1");
        assertThat(await(replica.runOnce()).retried()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(2));
        assertThat(await(replica.runOnce()).delivered()).isEqualTo(2);
        assertAcceptedInOrder(1, 2);
    }

    @Test
    void retriesRunOutIntoTheDeadLetterListAndARequeueDelivers() throws Exception {
        enqueue(1, 2);
        receiver.script(body -> Reply.of(500));
        PushOptions three = OPTIONS.withRetry(Duration.ofSeconds(1), Duration.ofSeconds(10), 3, Duration.ofHours(1));
        PushDelivery replica = replica("r1", three, c -> lease(c, "push", "r1"));
        for (int i = 0; i < 3; i++) {
            await(replica.runOnce());
            clock.advance(Duration.ofSeconds(10));
        }
        assertThat(receiver.times("jwe-of-c0-0")).isEqualTo(3);
        List<DeadLetter> dead = await(outbox.deadLetters(client, "0", 10));
        assertThat(dead).extracting(DeadLetter::jti).containsExactly("c0-0");
        assertThat(dead.get(0).error().err()).isEqualTo("http_500");
        assertThat(dead.get(0).error().description()).startsWith("gave up after 3 attempt(s)");
        receiver.script(body -> Reply.ACCEPT);
        await(outbox.requeue(client, "c0-0"));
        for (int i = 0; i < 3 && await(outbox.depth(client)) > 0; i++) {
            clock.advance(Duration.ofSeconds(10));
            await(replica.runOnce());
        }
        assertThat(receiver.accepted).containsExactly("jwe-of-c0-1", "jwe-of-c0-0");
        assertNothingLeft();
    }

    @Test
    void aCrashedConsumersEventsAreTakenOverAfterTheirTimeAndNothingIsLost() throws Exception {
        enqueue(4, 2);
        // replica a reads a batch and dies without settling it
        assertThat(await(outbox.claim(client, "a", 100, OPTIONS.inFlight())).events()).hasSize(4);
        PushDelivery b = replica("b");
        assertThat(await(b.runOnce()).delivered()).isZero();
        assertThat(receiver.received).isEmpty();
        clock.advance(OPTIONS.inFlight().plusSeconds(1));
        assertThat(await(b.runOnce()).delivered()).isEqualTo(8);
        assertAcceptedInOrder(4, 2);
        assertNothingLeft();
    }

    @Test
    void theLeaseMovesWhenItsHolderDies() throws Exception {
        enqueue(2, 1);
        PushDelivery a = replica("a");
        PushDelivery b = replica("b");
        assertThat(await(a.runOnce()).delivered()).isEqualTo(2);
        enqueue2(); // a dies now, holding the lease
        assertThat(await(b.runOnce()).delivered()).isZero();
        clock.advance(OPTIONS.leaseDuration().plusSeconds(1));
        assertThat(await(b.runOnce()).delivered()).isEqualTo(2);
        assertNothingLeft();
    }

    private void enqueue2() throws Exception {
        await(outbox.enqueueAll(List.of(new OutboxEvent("late-1", client, "c0", "jwe-late-1", clock.instant()),
                new OutboxEvent("late-2", client, "c1", "jwe-late-2", clock.instant()))));
    }

    @Test
    void twoReplicasPushingAtOnceNeverDoubleNorReorder() throws Exception {
        enqueue(50, 6);
        // each replica gets a lease of its own name: both push the business at the same time
        PushDelivery a = replica("a", OPTIONS.withBatchSize(7), c -> lease(c, "push-a", "a"));
        PushDelivery b = replica("b", OPTIONS.withBatchSize(7), c -> lease(c, "push-b", "b"));
        for (int i = 0; i < 200 && await(outbox.depth(client)) > 0; i++) {
            var runs = List.of(a.runOnce(), b.runOnce());
            for (var run : runs) {
                await(run);
            }
        }
        assertAcceptedInOrder(50, 6);
        assertThat(receiver.received.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
        assertNothingLeft();
    }

    @Test
    void startedItDeliversOnItsTimerUntilStopped() throws Exception {
        PushDelivery replica = new PushDelivery(vertx, outbox, c -> Optional.of(Destination.push(endpoint)), poster,
                c -> lease(c, "push", "timer"), metrics, OPTIONS, clock, new Random(7), "timer");
        io.vertx.core.Promise<String> arrived = io.vertx.core.Promise.promise();
        receiver.script(body -> {
            arrived.tryComplete(body);
            return Reply.ACCEPT;
        });
        await(replica.start());
        await(outbox.enqueue(new OutboxEvent("timed", client, "c0", "jwe-timed", clock.instant())));
        assertThat(await(arrived.future())).isEqualTo("jwe-timed");
        await(replica.stop());
        assertThat(await(lease(client, "push", "other").acquire())).isTrue(); // released on stop
    }

    @Test
    void aWithdrawalStopsDeliveryAtOnce() throws Exception {
        enqueue(2, 3);
        receiver.script(body -> Reply.of(503));
        PushDelivery replica = replica("r1");
        await(replica.runOnce());
        assertThat(await(outbox.dropConsent(client, "c0"))).isEqualTo(3);
        await(outbox.enqueue(new OutboxEvent("c0-withdrawn", client, "c0", "jwe-of-c0-withdrawn", clock.instant())));
        receiver.script(body -> Reply.ACCEPT);
        for (int i = 0; i < 5 && await(outbox.depth(client)) > 0; i++) {
            clock.advance(OPTIONS.retryCap());
            await(replica.runOnce());
        }
        assertThat(receiver.accepted).filteredOn(b -> b.startsWith("jwe-of-c0")).containsExactly("jwe-of-c0-withdrawn");
        assertThat(receiver.accepted).filteredOn(b -> b.startsWith("jwe-of-c1"))
                .containsExactly("jwe-of-c1-0", "jwe-of-c1-1", "jwe-of-c1-2");
        assertNothingLeft();
    }
}
