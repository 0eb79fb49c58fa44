package jp.jpkigate.feed.web;

import static jp.jpkigate.testing.TestRedis.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.redis.client.Redis;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import jp.jpkigate.feed.metrics.InProcessFeedMetrics;
import jp.jpkigate.feed.outbox.OutboxEvent;
import jp.jpkigate.feed.outbox.redis.RedisOutbox;
import jp.jpkigate.feed.poll.PollOptions;
import jp.jpkigate.feed.poll.PollService;
import jp.jpkigate.feed.push.Destination;
import jp.jpkigate.testing.MutableClock;
import jp.jpkigate.testing.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code POST /feed/v1/poll} and {@code GET /feed/metrics} over HTTP, with a real Redis. */
class PollEndpointTest {
    private static final Instant T0 = Instant.parse("2026-11-23T01:00:00Z");
    private static final PollOptions OPTIONS = PollOptions.defaults().withLongPoll(Duration.ofMillis(400), Duration.ofMillis(20));
    private static final MutableClock CLOCK = new MutableClock(T0);
    private static TestRedis server;
    private static Vertx vertx;
    private static Redis redis;
    private static RedisOutbox outbox;
    private static InProcessFeedMetrics metrics;
    private static HttpServer http;
    private static WebClient web;

    private final String client = "poller-" + UUID.randomUUID();

    /** A stand-in for the gateway's protected-resource check: "Bearer tok-&lt;client id&gt;". */
    private static final PollAccess ACCESS = new PollAccess() {
        @Override
        public Future<String> clientId(RoutingContext ctx) {
            String header = ctx.request().getHeader("Authorization");
            return header != null && header.startsWith("Bearer tok-") ? Future.succeededFuture(header.substring(11))
                    : Future.failedFuture(new SecurityException("no token"));
        }

        @Override
        public boolean answer(HttpServerResponse response, Throwable failure) {
            if (!(failure instanceof SecurityException)) {
                return false;
            }
            response.setStatusCode(401).putHeader("WWW-Authenticate", "Bearer realm=\"jpkigate\"").end();
            return true;
        }
    };

    @BeforeAll
    static void start() throws Exception {
        server = TestRedis.start();
        vertx = Vertx.vertx(new VertxOptions().setMaxEventLoopExecuteTime(200).setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS));
        redis = Redis.createClient(vertx, server.options().setMaxPoolWaiting(4096));
        outbox = new RedisOutbox(redis, CLOCK);
        metrics = new InProcessFeedMetrics();
        PollService poll = new PollService(vertx, outbox, metrics, OPTIONS, CLOCK, "replica-1");
        Router router = Router.router(vertx);
        FeedRoutes.addPoll(router, poll, ACCESS, c -> c.startsWith("poller-") ? Optional.of(Destination.poll())
                : Optional.of(Destination.push(URI.create("https://rp.example/events"))));
        FeedRoutes.addMetrics(router, metrics, outbox);
        router.route().failureHandler(ctx -> ctx.response().setStatusCode(ctx.statusCode()).end()); // as the gateway's
        http = await(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
        web = WebClient.create(vertx);
    }

    @AfterAll
    static void stop() throws Exception {
        await(vertx.close());
        server.close();
    }

    private HttpResponse<Buffer> post(String clientId, String body) throws Exception {
        var request = web.post(http.actualPort(), "127.0.0.1", FeedRoutes.POLL_PATH).putHeader("Content-Type", "application/json");
        if (clientId != null) {
            request.putHeader("Authorization", "Bearer tok-" + clientId);
        }
        return await(request.sendBuffer(Buffer.buffer(body)));
    }

    private JsonObject poll(String body) throws Exception {
        HttpResponse<Buffer> response = post(client, body);
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
        assertThat(response.getHeader("Content-Type")).isEqualTo("application/json");
        return response.bodyAsJsonObject();
    }

    private void enqueue(String jti, String consent) throws Exception {
        await(outbox.enqueue(new OutboxEvent(jti, client, consent, "jwe-" + jti, CLOCK.instant())));
    }

    @Test
    void pollsAcknowledgeAndDeliverEachConsentInOrder() throws Exception {
        enqueue("a1", "A");
        enqueue("a2", "A");
        enqueue("b1", "B");
        JsonObject first = poll("{\"returnImmediately\": true}");
        assertThat(first.getJsonObject("sets").getMap()).containsOnlyKeys("a1", "b1").containsEntry("a1", "jwe-a1");
        assertThat(first.getBoolean("moreAvailable")).isFalse();
        JsonObject second = poll("{\"returnImmediately\": true, \"ack\": [\"a1\", \"b1\"]}");
        assertThat(second.getJsonObject("sets").getMap()).containsOnlyKeys("a2");
        JsonObject third = poll("{\"returnImmediately\": true, \"ack\": [\"a2\"]}");
        assertThat(third.getJsonObject("sets").isEmpty()).isTrue();
        assertThat(await(outbox.depth(client))).isZero();
        assertThat(metrics.deliveredCount(client)).isEqualTo(3);
    }

    @Test
    void maxEventsLimitsTheAnswerAndZeroOnlyAcknowledges() throws Exception {
        enqueue("x1", "X");
        enqueue("y1", "Y");
        JsonObject one = poll("{\"returnImmediately\": true, \"maxEvents\": 1}");
        assertThat(one.getJsonObject("sets").size()).isEqualTo(1);
        assertThat(one.getBoolean("moreAvailable")).isTrue();
        String jti = one.getJsonObject("sets").fieldNames().iterator().next();
        JsonObject ackOnly = poll("{\"maxEvents\": 0, \"ack\": [\"" + jti + "\"]}");
        assertThat(ackOnly.getJsonObject("sets").isEmpty()).isTrue();
        assertThat(ackOnly.getBoolean("moreAvailable")).isTrue();
        assertThat(await(outbox.depth(client))).isEqualTo(1);
    }

    @Test
    void setErrsDeadLetterTheSet() throws Exception {
        enqueue("e1", "E");
        enqueue("e2", "E");
        poll("{\"returnImmediately\": true}");
        JsonObject next = poll("{\"returnImmediately\": true, \"setErrs\": {\"e1\": {\"err\": \"invalid_key\", "
                + "\"description\": \"cannot decrypt\"}}}");
        assertThat(next.getJsonObject("sets").getMap()).containsOnlyKeys("e2");
        assertThat(await(outbox.deadLetters(client, "0", 10))).singleElement()
                .satisfies(d -> assertThat(d.error().description()).isEqualTo("cannot decrypt"));
    }

    @Test
    void anUnacknowledgedSetComesAgainAfterTheAckTimeout() throws Exception {
        enqueue("u1", "U");
        assertThat(poll("{\"returnImmediately\": true}").getJsonObject("sets").getMap()).containsOnlyKeys("u1");
        assertThat(poll("{\"returnImmediately\": true}").getJsonObject("sets").isEmpty()).isTrue();
        CLOCK.advance(OPTIONS.ackTimeout().plusSeconds(1));
        assertThat(poll("{\"returnImmediately\": true}").getJsonObject("sets").getMap()).containsOnlyKeys("u1");
    }

    @Test
    void aBusinessSeesAndAcknowledgesOnlyItsOwnStream() throws Exception {
        enqueue("mine", "M");
        String other = "poller-" + UUID.randomUUID();
        HttpResponse<Buffer> response = post(other, "{\"returnImmediately\": true, \"ack\": [\"mine\"]}");
        assertThat(response.bodyAsJsonObject().getJsonObject("sets").isEmpty()).isTrue();
        assertThat(await(outbox.depth(client))).isEqualTo(1);
        assertThat(poll("{\"returnImmediately\": true}").getJsonObject("sets").getMap()).containsOnlyKeys("mine");
    }

    @Test
    void aLongPollWaitsForTheNextSetWithoutHoldingTheLoop() throws Exception {
        Future<HttpResponse<Buffer>> waiting = web.post(http.actualPort(), "127.0.0.1", FeedRoutes.POLL_PATH)
                .putHeader("Authorization", "Bearer tok-" + client).sendBuffer(Buffer.buffer("{}"));
        vertx.setTimer(100, t -> outbox.enqueue(new OutboxEvent("late", client, "L", "jwe-late", CLOCK.instant())));
        HttpResponse<Buffer> response = await(waiting);
        assertThat(response.bodyAsJsonObject().getJsonObject("sets").getMap()).containsOnlyKeys("late");
        long started = System.nanoTime();
        JsonObject empty = poll("{\"ack\": [\"late\"]}");
        assertThat(empty.getJsonObject("sets").isEmpty()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void refusalsAreRfc8936ErrorsNeverServerErrors() throws Exception {
        HttpResponse<Buffer> noToken = post(null, "{}");
        assertThat(noToken.statusCode()).isEqualTo(401);
        assertThat(noToken.getHeader("WWW-Authenticate")).startsWith("Bearer");
        HttpResponse<Buffer> pusher = post("pusher-1", "{\"returnImmediately\": true}");
        assertThat(pusher.statusCode()).isEqualTo(403);
        assertThat(pusher.bodyAsJsonObject().getString("err")).isEqualTo("access_denied");
        HttpResponse<Buffer> malformed = post(client, "{\"maxEvents\": -3}");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.bodyAsJsonObject().getString("err")).isEqualTo("invalid_request");
        assertThat(malformed.bodyAsJsonObject().getString("description")).contains("maxEvents");
        HttpResponse<Buffer> huge = post(client, "{\"ack\": [\"" + "a".repeat(FeedRoutes.MAX_POLL_BODY_BYTES) + "\"]}");
        assertThat(huge.statusCode()).isEqualTo(413);
        // Nested 30,000 deep (within the size limit): refused before the recursive parser sees it.
        HttpResponse<Buffer> deep = post(client, "{\"ack\": " + "[".repeat(30_000) + "]".repeat(30_000) + "}");
        assertThat(deep.statusCode()).isEqualTo(400);
        assertThat(deep.bodyAsJsonObject().getString("description")).contains("nests deeper than");
        assertThat(await(web.get(http.actualPort(), "127.0.0.1", FeedRoutes.POLL_PATH).send()).statusCode()).isEqualTo(405);
    }

    @Test
    void fuzzedBodiesNeverCauseAServerError() throws Exception {
        Random random = new Random(8936);
        String valid = "{\"maxEvents\": 2, \"returnImmediately\": true, \"ack\": [\"a\", \"b\"], "
                + "\"setErrs\": {\"c\": {\"err\": \"invalid_key\", \"description\": \"d\"}}}";
        List<Future<HttpResponse<Buffer>>> answers = new ArrayList<>();
        int fuzzed = 500;
        for (int i = 0; i < fuzzed; i++) {
            StringBuilder body = new StringBuilder(valid);
            for (int m = random.nextInt(4) + 1; m > 0; m--) {
                int at = random.nextInt(body.length());
                switch (random.nextInt(3)) {
                    case 0 -> body.deleteCharAt(at);
                    case 1 -> body.insert(at, "{}[]\",:0-9.eE\\ \u0000é".charAt(random.nextInt(17)));
                    default -> body.setCharAt(at, (char) random.nextInt(0x80));
                }
            }
            answers.add(web.post(http.actualPort(), "127.0.0.1", FeedRoutes.POLL_PATH)
                    .putHeader("Authorization", "Bearer tok-" + client).sendBuffer(Buffer.buffer(body.toString())));
        }
        for (Future<HttpResponse<Buffer>> answer : answers) {
            assertThat(await(answer).statusCode()).isIn(200, 400);
        }
    }

    @Test
    void metricsArePrometheusText() throws Exception {
        enqueue("m1", "M");
        enqueue("m2", "N");
        JsonObject one = poll("{\"returnImmediately\": true, \"maxEvents\": 1}");
        assertThat(one.getJsonObject("sets").getMap()).containsOnlyKeys("m1");
        poll("{\"ack\": [\"m1\"], \"maxEvents\": 0}");
        HttpResponse<Buffer> response = await(web.get(http.actualPort(), "127.0.0.1", FeedRoutes.METRICS_PATH).send());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.getHeader("Content-Type")).startsWith("text/plain; version=0.0.4");
        String text = response.bodyAsString();
        assertThat(text).contains("# TYPE jpkigate_feed_outbox_depth gauge")
                .contains("jpkigate_feed_outbox_depth{client=\"" + client + "\"} 1")
                .contains("jpkigate_feed_dead_letters{client=\"" + client + "\"} 0")
                .contains("jpkigate_feed_delivered_total{client=\"" + client + "\"} 1")
                .contains("jpkigate_feed_delivery_latency_seconds_count{client=\"" + client + "\"} 1")
                .contains("jpkigate_feed_delivery_latency_seconds_bucket{client=\"" + client + "\",le=\"+Inf\"} 1");
    }
}
