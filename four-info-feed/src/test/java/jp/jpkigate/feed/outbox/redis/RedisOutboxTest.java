package jp.jpkigate.feed.outbox.redis;

import static jp.jpkigate.testing.TestRedis.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import jp.jpkigate.feed.outbox.Claim;
import jp.jpkigate.feed.outbox.ClaimedEvent;
import jp.jpkigate.feed.outbox.DeadLetter;
import jp.jpkigate.feed.outbox.OutboxEvent;
import jp.jpkigate.feed.outbox.SetError;
import jp.jpkigate.feed.outbox.Settlement;
import jp.jpkigate.testing.MutableClock;
import jp.jpkigate.testing.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RedisOutboxTest {
    private static final Instant T0 = Instant.parse("2026-11-23T01:00:00Z");
    private static final Duration IN_FLIGHT = Duration.ofSeconds(30);
    private static TestRedis server;
    private static Vertx vertx;
    private static Redis redis;

    private final MutableClock clock = new MutableClock(T0);
    private final RedisOutbox outbox = new RedisOutbox(redis, clock);
    /** A business of its own per test: tests share one Redis. */
    private final String client = "bank-" + UUID.randomUUID();

    @BeforeAll
    static void start() throws Exception {
        server = TestRedis.start();
        vertx = Vertx.vertx();
        redis = Redis.createClient(vertx, server.options().setMaxPoolWaiting(4096));
    }

    @AfterAll
    static void stop() throws Exception {
        await(vertx.close());
        server.close();
    }

    private OutboxEvent event(String jti, String consent) {
        return new OutboxEvent(jti, client, consent, "jwe-of-" + jti, clock.instant());
    }

    private List<String> claimJtis(String consumer) throws Exception {
        return jtis(await(outbox.claim(client, consumer, 100, IN_FLIGHT)));
    }

    private static List<String> jtis(Claim claim) {
        return claim.events().stream().map(ClaimedEvent::jti).toList();
    }

    private Settlement.Result ack(String jti) throws Exception {
        return await(outbox.settle(client, List.of(new Settlement.Acknowledge(jti)))).get(0);
    }

    private Settlement.Result settle(Settlement settlement) throws Exception {
        return await(outbox.settle(client, List.of(settlement))).get(0);
    }

    /** Every key of the business but the jti dedupe markers, the depth counter and the (empty) streams. */
    private List<String> eventKeys() throws Exception {
        Response keys = TestRedis.call(redis, Command.KEYS, OutboxKeys.of(client).prefix().replace("{", "\\{")
                .replace("}", "\\}") + "*");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            String key = keys.get(i).toString();
            if (!key.contains(":seen:") && !key.endsWith(":depth") && !key.endsWith(":stream") && !key.endsWith(":dead")) {
                names.add(key);
            }
        }
        return names;
    }

    @Test
    void enqueueIsIdempotentByJti() throws Exception {
        assertThat(await(outbox.enqueue(event("j1", "c1")))).isTrue();
        assertThat(await(outbox.enqueue(event("j1", "c1")))).isFalse();
        assertThat(await(outbox.depth(client))).isEqualTo(1);
    }

    @Test
    void onlyTheHeadOfEachConsentIsHandedOutAndAcksReleaseTheNext() throws Exception {
        await(outbox.enqueueAll(List.of(event("a1", "A"), event("a2", "A"), event("b1", "B"), event("a3", "A"))));
        assertThat(claimJtis("r1")).containsExactly("a1", "b1");
        assertThat(claimJtis("r1")).isEmpty();
        assertThat(ack("a1").createdAt()).contains(T0);
        assertThat(claimJtis("r1")).containsExactly("a2");
        assertThat(ack("a2").applied()).isTrue();
        assertThat(ack("a2").applied()).isFalse();
        assertThat(ack("b1").applied()).isTrue();
        assertThat(claimJtis("r1")).containsExactly("a3");
        assertThat(ack("a3").applied()).isTrue();
        assertThat(await(outbox.depth(client))).isZero();
        assertThat(TestRedis.call(redis, Command.XLEN, OutboxKeys.of(client).stream()).toLong()).isZero();
        assertThat(eventKeys()).isEmpty();
    }

    @Test
    void anEventOfACrashedConsumerIsTakenOverOnceItsTimeRunsOut() throws Exception {
        await(outbox.enqueueAll(List.of(event("a1", "A"), event("a2", "A"))));
        Claim first = await(outbox.claim(client, "dies", 10, IN_FLIGHT));
        assertThat(jtis(first)).containsExactly("a1");
        assertThat(claimJtis("survivor")).isEmpty();
        clock.advance(IN_FLIGHT.plusMillis(1));
        Claim taken = await(outbox.claim(client, "survivor", 10, IN_FLIGHT));
        assertThat(jtis(taken)).containsExactly("a1");
        assertThat(taken.events().get(0).deliveryId()).isEqualTo(first.events().get(0).deliveryId());
        assertThat(taken.events().get(0).event().jwe()).isEqualTo("jwe-of-a1");
        Response pending = TestRedis.call(redis, Command.XPENDING, OutboxKeys.of(client).stream(), OutboxKeys.GROUP,
                "-", "+", 10);
        assertThat(pending.get(0).get(1).toString()).isEqualTo("survivor");
        assertThat(ack("a1").applied()).isTrue();
        assertThat(claimJtis("survivor")).containsExactly("a2");
    }

    @Test
    void aRetryKeepsTheConsentBlockedUntilItIsDue() throws Exception {
        await(outbox.enqueueAll(List.of(event("a1", "A"), event("a2", "A"))));
        ClaimedEvent a1 = await(outbox.claim(client, "r", 10, IN_FLIGHT)).events().get(0);
        assertThat(settle(new Settlement.Retry("a1", a1.deliveryId(), T0.plusSeconds(10))).applied()).isTrue();
        assertThat(settle(new Settlement.Retry("a1", a1.deliveryId(), T0.plusSeconds(10))).applied()).isFalse();
        assertThat(await(outbox.nextRetry(client))).contains(T0.plusSeconds(10));
        assertThat(claimJtis("r")).isEmpty();
        assertThat(await(outbox.releaseDueRetries(client, 10))).isZero();
        clock.advance(Duration.ofSeconds(10));
        assertThat(await(outbox.releaseDueRetries(client, 10))).isEqualTo(1);
        Claim again = await(outbox.claim(client, "r", 10, IN_FLIGHT));
        assertThat(jtis(again)).containsExactly("a1");
        assertThat(again.events().get(0).failedAttempts()).isEqualTo(1);
        assertThat(again.events().get(0).deliveryId()).isNotEqualTo(a1.deliveryId());
        // a late answer to the first attempt changes nothing
        assertThat(settle(new Settlement.GiveUp("a1", Optional.of(a1.deliveryId()), new SetError("x", "y"))).applied())
                .isFalse();
        assertThat(ack("a1").applied()).isTrue();
        assertThat(claimJtis("r")).containsExactly("a2");
        assertThat(await(outbox.nextRetry(client))).isEmpty();
    }

    @Test
    void deadLettersAreListedAndRequeuedBehindTheConsentsOtherEvents() throws Exception {
        await(outbox.enqueueAll(List.of(event("a1", "A"), event("a2", "A"))));
        ClaimedEvent a1 = await(outbox.claim(client, "r", 10, IN_FLIGHT)).events().get(0);
        clock.advance(Duration.ofSeconds(5));
        SetError refused = new SetError("invalid_audience", "not for us");
        assertThat(settle(new Settlement.GiveUp("a1", Optional.of(a1.deliveryId()), refused)).applied()).isTrue();
        assertThat(await(outbox.depth(client))).isEqualTo(1);
        assertThat(await(outbox.deadLetterCount(client))).isEqualTo(1);
        List<DeadLetter> dead = await(outbox.deadLetters(client, "0", 10));
        assertThat(dead).singleElement().satisfies(d -> {
            assertThat(d.jti()).isEqualTo("a1");
            assertThat(d.consentId()).isEqualTo("A");
            assertThat(d.error()).isEqualTo(refused);
            assertThat(d.at()).isEqualTo(T0.plusSeconds(5));
        });
        assertThat(await(outbox.deadLetters(client, dead.get(0).id(), 10))).isEmpty();
        assertThat(ack("a1").applied()).isFalse();
        assertThat(claimJtis("r")).containsExactly("a2");
        assertThat(await(outbox.requeue(client, "a1"))).isTrue();
        assertThat(await(outbox.requeue(client, "a1"))).isFalse();
        assertThat(await(outbox.deadLetterCount(client))).isZero();
        assertThat(claimJtis("r")).isEmpty();
        assertThat(ack("a2").applied()).isTrue();
        Claim requeued = await(outbox.claim(client, "r", 10, IN_FLIGHT));
        assertThat(jtis(requeued)).containsExactly("a1");
        assertThat(requeued.events().get(0).failedAttempts()).isZero();
        assertThat(requeued.events().get(0).retryingSince()).isEqualTo(T0.plusSeconds(5));
        assertThat(ack("a1").applied()).isTrue();
        assertThat(eventKeys()).isEmpty();
    }

    @Test
    void aWithdrawalDropsEveryUndeliveredEventOfTheConsentAtOnce() throws Exception {
        await(outbox.enqueueAll(List.of(event("a1", "A"), event("a2", "A"), event("a3", "A"), event("b1", "B"))));
        ClaimedEvent a1 = await(outbox.claim(client, "r", 10, IN_FLIGHT)).events().get(0);
        settle(new Settlement.GiveUp("a1", Optional.empty(), new SetError("invalid_request", "bad")));
        ClaimedEvent a2 = await(outbox.claim(client, "r", 10, IN_FLIGHT)).events().get(0);
        assertThat(a2.jti()).isEqualTo("a2");
        assertThat(await(outbox.dropConsent(client, "A"))).isEqualTo(3);
        assertThat(ack("a2").applied()).isFalse();
        assertThat(settle(new Settlement.Retry("a2", a2.deliveryId(), T0)).applied()).isFalse();
        assertThat(await(outbox.deadLetterCount(client))).isZero();
        assertThat(await(outbox.enqueue(event("a1", "A")))).isFalse(); // a dropped event does not come back
        assertThat(await(outbox.enqueue(event("withdrawn", "A")))).isTrue();
        clock.advance(IN_FLIGHT.plusSeconds(1));
        assertThat(claimJtis("r")).containsExactlyInAnyOrder("b1", "withdrawn"); // b1: in flight since the first claim
        assertThat(a1.jti()).isEqualTo("a1");
        assertThat(ack("withdrawn").applied()).isTrue();
        assertThat(ack("b1").applied()).isTrue();
        assertThat(await(outbox.depth(client))).isZero();
        assertThat(eventKeys()).isEmpty();
    }

    @Test
    void concurrentConsumersGetDisjointEvents() throws Exception {
        List<OutboxEvent> events = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            events.add(event("e" + i, "c" + i));
        }
        await(outbox.enqueueAll(events));
        List<Future<Claim>> claims = new ArrayList<>();
        for (int r = 0; r < 6; r++) {
            claims.add(outbox.claim(client, "replica-" + r, 40, IN_FLIGHT));
        }
        Set<String> seen = new HashSet<>();
        int total = 0;
        for (Future<Claim> claim : claims) {
            List<String> got = jtis(await(claim));
            total += got.size();
            seen.addAll(got);
        }
        assertThat(total).isEqualTo(seen.size()).isEqualTo(240);
        Claim rest = await(outbox.claim(client, "replica-0", 100, IN_FLIGHT));
        assertThat(rest.events()).hasSize(60);
        assertThat(rest.moreAvailable()).isFalse();
        assertThat(await(outbox.businesses())).contains(client);
    }

    @Test
    void moreAvailableTellsWhenAClaimLeftReadyEventsBehind() throws Exception {
        await(outbox.enqueueAll(List.of(event("a", "A"), event("b", "B"), event("c", "C"))));
        Claim two = await(outbox.claim(client, "r", 2, IN_FLIGHT));
        assertThat(two.events()).hasSize(2);
        assertThat(two.moreAvailable()).isTrue();
        Claim last = await(outbox.claim(client, "r", 2, IN_FLIGHT));
        assertThat(jtis(last)).containsExactly("c");
        assertThat(last.moreAvailable()).isFalse();
    }

    @Test
    void scriptsAreReloadedAfterAFlush() throws Exception {
        await(outbox.enqueue(event("x", "X")));
        server.onEveryMaster("SCRIPT", "FLUSH");
        assertThat(claimJtis("r")).containsExactly("x");
    }
}
