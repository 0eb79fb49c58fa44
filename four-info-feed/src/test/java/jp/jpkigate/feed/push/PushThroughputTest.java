package jp.jpkigate.feed.push;

import static jp.jpkigate.testing.TestRedis.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import jp.jpkigate.feed.metrics.FeedMetrics;
import jp.jpkigate.feed.outbox.OutboxEvent;
import jp.jpkigate.feed.outbox.redis.RedisOutbox;
import jp.jpkigate.revocation.store.redis.RedisLeaderLease;
import jp.jpkigate.testing.MutableClock;
import jp.jpkigate.testing.TestRedis;
import org.junit.jupiter.api.Test;

/**
 * Pushes 2,000 events (400 customers, 5 each) to a local Vert.x receiver, after as many to warm up,
 * and prints the time and rate (enqueue not included: the time from the first claim to the last
 * acknowledgement); the number is reported, not asserted (2 shared cores, Redis and receiver in the same JVM's
 * machine). Correctness is asserted: all delivered, in order per customer.
 */
class PushThroughputTest {
    private static final int CONSENTS = 400;
    private static final int PER_CONSENT = 5;

    private static List<OutboxEvent> events(String client, String jwe, Instant now) {
        List<OutboxEvent> events = new ArrayList<>();
        for (int n = 0; n < PER_CONSENT; n++) {
            for (int c = 0; c < CONSENTS; c++) {
                events.add(new OutboxEvent("c" + c + "-" + n, client, "c" + c, jwe + n, now));
            }
        }
        return events;
    }

    /** Enqueues the events and runs the pusher until they are all delivered; how many it delivered. */
    private static int push(RedisOutbox outbox, PushDelivery push, List<OutboxEvent> events) throws Exception {
        await(outbox.enqueueAll(events));
        int delivered = 0;
        while (delivered < events.size()) {
            int run = await(push.runOnce()).delivered();
            assertThat(run).isPositive();
            delivered += run;
        }
        return delivered;
    }

    @Test
    void pushesTwoThousandEventsToALocalReceiver() throws Exception {
        try (TestRedis server = TestRedis.start()) {
            Vertx vertx = Vertx.vertx();
            try {
                Redis redis = Redis.createClient(vertx, server.options());
                MutableClock clock = new MutableClock(Instant.parse("2026-11-23T01:00:00Z"));
                RedisOutbox outbox = new RedisOutbox(redis, clock);
                ScriptedReceiver receiver = await(ScriptedReceiver.start(vertx));
                WebSetPoster poster = new WebSetPoster(vertx, 32);
                PushDelivery push = new PushDelivery(vertx, outbox, c -> Optional.of(Destination.push(receiver.endpoint())),
                        poster, c -> new RedisLeaderLease(redis, RedisOutbox.leaseKeys(c), "push", "r1",
                                Duration.ofSeconds(30), clock), FeedMetrics.NONE, PushOptions.defaults(), clock,
                        new Random(1), "r1");
                String jwe = "x".repeat(1800); // a typical nested SET's size
                push(outbox, push, events("warm-up", jwe, clock.instant())); // connections, scripts, JIT
                List<OutboxEvent> events = events("bank", jwe, clock.instant());
                long started = System.nanoTime();
                int delivered = push(outbox, push, events);
                double seconds = (System.nanoTime() - started) / 1e9;
                assertThat(delivered).isEqualTo(events.size());
                System.out.printf("PUSH THROUGHPUT: %d events in %.3f s = %.0f events/s%n", delivered, seconds,
                        delivered / seconds);
                assertThat(receiver.accepted).hasSize(2 * events.size());
                assertThat(await(outbox.depth("bank"))).isZero();
                poster.close();
            } finally {
                await(vertx.close());
            }
        }
    }
}
