package jp.jpkigate.perf.feed;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import jp.jpkigate.feed.outbox.OutboxEvent;
import jp.jpkigate.feed.outbox.redis.RedisOutbox;

/**
 * The 4-information changes of the feed scenario: events put into the gateway's outbox through the
 * outbox's own code ({@link RedisOutbox} on the gateway's Redis), as the feed's detection does once it
 * has a SET, at {@code rate} events per second for each business until {@code stop} says so. Every
 * event is a customer's change of its own consent (so none waits behind another of the same consent)
 * and carries an opaque payload of a real SET's size whose second part is its {@code jti}, so a receiver
 * knows the event without decrypting anything. Counts what the outbox acknowledged ({@link #made()}).
 */
final class ChangeProducer implements AutoCloseable {
    private static final long TICK_MILLIS = 10;
    private static final String JTI_PREFIX = "perf-";

    private final Vertx vertx = Vertx.vertx();
    private final Redis redis;
    private final RedisOutbox outbox;
    private final List<String> businesses;
    private final double perTick;
    private final String padding;
    private final AtomicLong made = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong sequence = new AtomicLong();
    private final String run = Long.toString(System.currentTimeMillis(), 36);
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong pending = new AtomicLong();
    private final AtomicReference<String> firstFailure = new AtomicReference<>("");
    private volatile boolean stopped;
    private double owed;

    /**
     * @param rate     events per second for each business
     * @param setBytes the size of one event's payload (a SET signed and encrypted to a P-256 key is about 1 KB)
     */
    ChangeProducer(String redisUrl, List<String> businesses, double rate, int setBytes) {
        this.redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(redisUrl).setMaxPoolSize(4)
                .setMaxPoolWaiting(1000));
        this.outbox = new RedisOutbox(redis, Clock.systemUTC());
        this.businesses = List.copyOf(businesses);
        this.perTick = rate * TICK_MILLIS / 1000.0;
        this.padding = "A".repeat(Math.max(0, setBytes - 120));
    }

    /** Makes changes every 10 ms until {@code stop} is true; the future completes once the last batch is in. */
    void start(BooleanSupplier stop) {
        vertx.setPeriodic(TICK_MILLIS, timer -> {
            if (stop.getAsBoolean()) {
                vertx.cancelTimer(timer);
                stopped = true;
                return;
            }
            owed += perTick;
            int count = (int) owed;
            owed -= count;
            if (count > 0) {
                List<OutboxEvent> events = new ArrayList<>(count * businesses.size());
                Instant now = Instant.now();
                for (int i = 0; i < count; i++) {
                    long n = sequence.incrementAndGet();
                    for (String business : businesses) {
                        String jti = JTI_PREFIX + run + "-" + n + "-" + business;
                        events.add(new OutboxEvent(jti, business, "consent-" + run + "-" + n, payload(jti), now));
                    }
                }
                pending.incrementAndGet();
                outbox.enqueueAll(events)
                        .onSuccess(answers -> answers.forEach(fresh -> (fresh ? made : refused).incrementAndGet()))
                        .onFailure(e -> {
                            failed.addAndGet(events.size());
                            firstFailure.compareAndSet("", e.toString());
                        })
                        .onComplete(done -> pending.decrementAndGet());
            }
        });
    }

    /** A compact-JWE-shaped payload: header, the jti where the encrypted key would be, then IV, ciphertext, tag. */
    private String payload(String jti) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return "eyJhbGciOiJFQ0RILUVTK0EyNTZLVyIsImVuYyI6IkEyNTZHQ00iLCJjdHkiOiJKV1QifQ." + jti + "."
                + b64.encodeToString(jti.getBytes()) + "." + padding + ".tag";
    }

    /** The jti of a payload made by a producer, or null when it is not one (a real SET). */
    static String jti(String payload) {
        String[] parts = payload.split("\\.", 3);
        return parts.length == 3 && ours(parts[1]) ? parts[1] : null;
    }

    /** Whether {@code jti} is one a producer made (a real SET's is random). */
    static boolean ours(String jti) {
        return jti.startsWith(JTI_PREFIX);
    }

    /** Waits (at most 30 s) until the producer stopped and every batch it sent was answered. */
    void awaitStopped() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!settled() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    /** Events the outbox took (new jti). */
    long made() {
        return made.get();
    }

    /** Whether the producer stopped and every batch it sent was answered. */
    boolean settled() {
        return stopped && pending.get() == 0;
    }

    /** Events whose enqueue failed (none expected). */
    long failed() {
        return failed.get();
    }

    /** Why the first failed enqueue failed, or empty. */
    String firstFailure() {
        return firstFailure.get();
    }

    /** Events the outbox refused as already seen (none expected). */
    long refused() {
        return refused.get();
    }

    @Override
    public void close() {
        redis.close();
        vertx.close();
    }
}
