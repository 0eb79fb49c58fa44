package jp.jpkigate.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import jp.jpkigate.gateway.TestVertx;
import jp.jpkigate.gateway.redis.RedisHealth;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A stopping gateway: readiness fails first, the request in flight is answered, new connections
 * are refused, and the shutdown is bounded by the drain time.
 */
class DrainingTest {
    private static final long SLOW_MS = 600;

    private Vertx vertx;
    private HttpServer server;
    /** HTTP/1.1 with keep-alive, as ingress-nginx talks to its upstreams. */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeEach
    void start() throws Exception {
        vertx = TestVertx.create();
        Router router = Router.router(vertx);
        // Draining answers before Redis is asked: no Redis is needed here.
        router.get("/health/ready").handler(new ReadyEndpoint(new RedisHealth(null, Duration.ofSeconds(1)), Draining.of(vertx)));
        router.get("/slow").handler(ctx -> vertx.setTimer(SLOW_MS, id -> ctx.response().end("done")));
        router.get("/forever").handler(ctx -> { });
        server = TestVertx.await(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
    }

    @AfterEach
    void stop() throws Exception {
        TestVertx.await(vertx.close());
    }

    @Test
    void inFlightRequestsFinishAndNewConnectionsAreRefused() throws Exception {
        Draining draining = Draining.of(vertx);
        assertThat(draining.isDraining()).isFalse();
        CompletableFuture<HttpResponse<String>> slow = http.sendAsync(get("/slow"), HttpResponse.BodyHandlers.ofString());
        Thread.sleep(SLOW_MS / 3);

        draining.begin(Duration.ofSeconds(5));
        HttpResponse<String> ready = http.send(get("/health/ready"), HttpResponse.BodyHandlers.ofString());
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.body()).isEqualTo("{\"status\":\"DOWN\",\"checks\":{\"shutdown\":\"DRAINING\"}}");
        assertThat(Draining.of(vertx)).as("one per Vert.x").isSameAs(draining);

        long started = System.nanoTime();
        Future<Void> shutdown = draining.shutdown(server);
        HttpResponse<String> answered = slow.get(5, TimeUnit.SECONDS);
        assertThat(answered.statusCode()).isEqualTo(200);
        assertThat(answered.body()).isEqualTo("done");
        TestVertx.await(shutdown);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
        HttpClient fresh = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        assertThatThrownBy(() -> fresh.send(get("/slow"), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(ConnectException.class);
    }

    @Test
    void theDrainIsBounded() throws Exception {
        CompletableFuture<HttpResponse<String>> never = http.sendAsync(get("/forever"), HttpResponse.BodyHandlers.ofString());
        Thread.sleep(100);
        Draining draining = Draining.of(vertx);
        draining.begin(Duration.ofMillis(500));

        long started = System.nanoTime();
        TestVertx.await(draining.shutdown(server));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(400), Duration.ofSeconds(3));
        assertThatThrownBy(() -> never.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(IOException.class);
    }

    @Test
    void withoutDrainingAStopIsImmediate() throws Exception {
        long started = System.nanoTime();
        TestVertx.await(Draining.of(vertx).shutdown(server));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + path))
                .timeout(Duration.ofSeconds(10)).build();
    }
}
