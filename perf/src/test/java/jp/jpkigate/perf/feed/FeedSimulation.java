package jp.jpkigate.perf.feed;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jp.jpkigate.perf.common.MeasuredSimulation;
import jp.jpkigate.perf.common.Parameter;
import jp.jpkigate.perf.login.LoginFixtures;
import jp.jpkigate.perf.token.BackendClient;

/**
 * 4-information changes delivered to the business, with nothing lost. From the start of the run until
 * the measurement window closes, a {@link ChangeProducer} puts {@code feed.rate} changes a second into
 * the gateway's outbox (through the outbox's own code on the gateway's Redis, as the feed's detection
 * does with each SET it made); the gateway delivers them:
 * <ul>
 *   <li>{@code feed.method=push} (RFC 8935): the gateway pushes to the fixtures' push business
 *       ({@link LoginFixtures#FEED_PUSH_CLIENT_ID}), whose receiver is a {@link PushReceiver} in this
 *       process on {@code feed.receiverPort}; the timed operation is a scrape of {@code GET /feed/metrics} on the metrics listener
 *       once a second (the outbox's depth), which the gateway's own pushing does not need;</li>
 *   <li>{@code feed.method=poll} (RFC 8936): {@code feed.receivers} receivers of the back end
 *       ({@link LoginFixtures#BACKEND_CLIENT_ID}, a {@code feed:read} token fetched before the run) each
 *       loop on {@code POST /feed/v1/poll}, acknowledging the sets of their last answer with the next and
 *       asking for up to {@code feed.maxEvents} ({@code returnImmediately}, and 100 ms before the next
 *       when it was empty); the timed operation is one poll.</li>
 * </ul>
 * After the window the producer stops and the rest is delivered (poll: until an answer is empty; push:
 * until every change arrived, at most {@code feed.drainSeconds}). The summary's {@code events} are the
 * distinct changes first delivered inside the window (events per second: divided by the window), and
 * "nothing lost" compares {@code delivered} (distinct {@code jti}s received in the whole run) with
 * {@code expectedEvents} (changes the outbox took); {@code duplicates} are second deliveries.
 *
 * <p>What is not in it: detecting the change (the revocation stream, J-LIS's 4-information provision)
 * and making the SET (signing, encrypting to the business's key): the events are opaque payloads of a
 * SET's size, which the gateway neither opens nor checks once they are in the outbox.
 *
 * <p>Parameters: {@code feed.method}, {@code feed.rate}, {@code feed.setBytes}, {@code feed.redisUrl},
 * {@code feed.receiverPort}, {@code feed.receivers}, {@code feed.maxEvents}, {@code feed.drainSeconds},
 * {@code feed.p99Millis}.
 */
public class FeedSimulation extends MeasuredSimulation {
    static final Parameter METHOD = new Parameter("feed.method", "push", "push (to a receiver here) or poll");
    static final Parameter RATE = new Parameter("feed.rate", "6000", "changes made per second, warm-up and window");
    static final Parameter SET_BYTES = new Parameter("feed.setBytes", "1000", "size of one event's payload");
    static final Parameter REDIS_URL = new Parameter("feed.redisUrl", "redis://127.0.0.1:6379", "the gateway's Redis");
    static final Parameter METRICS_URL = new Parameter("feed.metricsUrl", "http://127.0.0.1:9090",
            "push: the gateway's metrics listener (GET /feed/metrics is only there)");
    static final Parameter RECEIVER_PORT = new Parameter("feed.receiverPort", Integer.toString(LoginFixtures.DEFAULT_FEED_PORT),
            "push: the receiver's port (as in the clients file)");
    static final Parameter RECEIVERS = new Parameter("feed.receivers", "2", "poll: concurrent polling receivers");
    static final Parameter MAX_EVENTS = new Parameter("feed.maxEvents", "500", "poll: maxEvents of a poll");
    static final Parameter DRAIN = new Parameter("feed.drainSeconds", "120", "push: longest wait for the rest after the window");
    static final Parameter P99 = new Parameter("feed.p99Millis", "2000", "service level: p99 of a poll or a metrics scrape");

    /** A receiver whose poll came back empty waits this long before the next (short polls, no 20 s long poll at the end). */
    private static final Duration EMPTY_PAUSE = Duration.ofMillis(100);

    private final boolean push = "push".equals(METHOD.value());
    private final FeedCount count = new FeedCount(measurement::inWindow);
    private final ChangeProducer producer;
    private PushReceiver receiver;

    public FeedSimulation() throws IOException, InterruptedException {
        super("feed", List.of(METHOD, RATE, SET_BYTES, REDIS_URL, METRICS_URL, RECEIVER_PORT, RECEIVERS, MAX_EVENTS, DRAIN, P99), 1);
        if (!push && !"poll".equals(METHOD.value())) {
            throw new IllegalArgumentException("feed.method is push or poll");
        }
        String business = push ? LoginFixtures.FEED_PUSH_CLIENT_ID : LoginFixtures.BACKEND_CLIENT_ID;
        producer = new ChangeProducer(REDIS_URL.value(), List.of(business), RATE.doubleValue(), SET_BYTES.intValue());
        measurement.perItem(count::inWindow);
        fact("method", METHOD.value());
        fact("business", business);
        if (push) {
            ChainBuilder scrape = exec(http("feed metrics").get(METRICS_URL.value() + "/feed/metrics").check(status().is(200)));
            run(scenario(settings.scenario())
                            .exec(asLongAs(session -> !measurement.ended()).on(measurement.operation(scrape).pause(Duration.ofSeconds(1))))
                            .injectOpen(atOnceUsers(1)),
                    "push at " + RATE.value() + " changes/s", P99.intValue(), protocol(true));
        } else {
            String token = BackendClient.accessToken(settings.baseUrl(), "feed:read");
            run(scenario(settings.scenario())
                            .exec(session -> session.set("ack", List.of()).set("drained", false))
                            .exec(asLongAs(session -> !measurement.ended()).on(measurement.operation(poll(token))
                                    .doIf(session -> session.getList("ack").isEmpty()).then(pause(EMPTY_PAUSE))))
                            .exec(asLongAs(session -> !session.getBoolean("drained")).on(poll(token)
                                    .doIf(session -> session.getList("ack").isEmpty()).then(pause(EMPTY_PAUSE))))
                            .injectOpen(atOnceUsers(RECEIVERS.intValue())),
                    "poll by " + RECEIVERS.intValue() + " receivers at " + RATE.value() + " changes/s", P99.intValue(),
                    protocol(true));
        }
    }

    /** One poll acknowledging the last answer's sets, answered at once; notes when nothing is left after the window. */
    private ChainBuilder poll(String token) {
        int maxEvents = MAX_EVENTS.intValue();
        return exec(session -> session.set("settledBefore", producer.settled()))
                .exec(http("poll").post("/feed/v1/poll")
                        .header("Authorization", "Bearer " + token)
                        .body(StringBody(session -> new JsonObject().put("ack", new JsonArray(session.getList("ack")))
                                .put("maxEvents", maxEvents).put("returnImmediately", true).encode())).asJson()
                        .check(status().is(200), jsonPath("$.sets").ofMap().saveAs("sets"),
                                jsonPath("$.moreAvailable").ofBoolean().saveAs("more")))
                .exitHereIfFailed()
                .exec(this::acknowledge);
    }

    /** Counts the answer's sets and keeps their ids to acknowledge with the next poll. */
    private Session acknowledge(Session session) {
        Map<String, Object> sets = session.getMap("sets");
        sets.keySet().stream().filter(ChangeProducer::ours).forEach(count::delivered);
        boolean drained = sets.isEmpty() && !session.getBoolean("more") && session.getBoolean("settledBefore");
        return session.set("ack", new ArrayList<>(sets.keySet())).set("drained", drained);
    }

    @Override
    public void before() {
        try {
            if (push) {
                receiver = PushReceiver.start(RECEIVER_PORT.intValue(), count);
            }
        } catch (Exception e) {
            throw new IllegalStateException("the push receiver cannot listen on " + RECEIVER_PORT.value(), e);
        }
        producer.start(measurement::ended);
    }

    @Override
    public void after() {
        try {
            producer.awaitStopped();
            long deadline = System.nanoTime() + Duration.ofSeconds(DRAIN.intValue()).toNanos();
            while (push && count.distinct() < producer.made() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        fact("events", count.inWindow());
        fact("expectedEvents", producer.made());
        fact("delivered", count.distinct());
        fact("duplicates", count.duplicates());
        fact("enqueueFailures", producer.failed() + producer.refused());
        fact("firstEnqueueFailure", producer.firstFailure());
        System.out.printf("feed: %d changes made, %d delivered (%d in the window), %d duplicates, %d enqueue failures%n",
                producer.made(), count.distinct(), count.inWindow(), count.duplicates(), producer.failed() + producer.refused());
        super.after();
        producer.close();
        if (receiver != null) {
            receiver.close();
        }
    }
}
