package jp.jpkigate.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.net.NetSocket;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import jp.jpkigate.gateway.TestVertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Slow-request clients over raw sockets that send a byte every 50 ms: a header that never ends is
 * cut after the head limit (1 s here), a body that never ends gets 408 after the body limit, an
 * idle keep-alive connection ends after the keep-alive limit, and other clients are served meanwhile.
 */
class SlowClientsTest {
    /** One second: at 300 ms a loaded 2-core machine sometimes let a fast client's turn take longer than the limit. */
    private static final Duration LIMIT = Duration.ofSeconds(1);

    private Vertx vertx;
    private int port;
    private WebClient web;

    @BeforeEach
    void start() throws Exception {
        vertx = TestVertx.create();
        Router router = Router.router(vertx);
        router.get("/hello").handler(ctx -> ctx.response().end("hello"));
        router.get("/slow-answer").handler(ctx -> vertx.setTimer(LIMIT.toMillis() * 3, id -> ctx.response().end("late")));
        router.post("/echo").handler(BodyHandler.create(false)).handler(ctx -> ctx.response().end(ctx.body().buffer()));
        // POST /fast-echo is served ahead of the router, as the gateway serves the usual validity check.
        port = TestVertx.await(new SlowClients(vertx, LIMIT, LIMIT, LIMIT).guard(vertx.createHttpServer(new io.vertx.core.http.HttpServerOptions().setHttp2ClearTextEnabled(false)), router,
                        request -> request.path().equals("/fast-echo"),
                        request -> request.body().onSuccess(body -> request.response().end(body)))
                .listen(0, "127.0.0.1")).actualPort();
        // A new connection per request: a kept-alive one would be closed by the keep-alive limit.
        web = WebClient.create(vertx, new WebClientOptions().setKeepAlive(false));
    }

    @AfterEach
    void stop() throws Exception {
        TestVertx.await(vertx.close());
    }

    /**
     * A client that connects, sends {@code prefix} at once and then {@code bytes} one every 50 ms; completes with
     * what it received when the server closes.
     */
    private CompletableFuture<String> trickle(String prefix, String bytes) throws Exception {
        NetSocket socket = TestVertx.await(vertx.createNetClient().connect(port, "127.0.0.1"));
        socket.write(prefix);
        CompletableFuture<String> closed = new CompletableFuture<>();
        Buffer received = Buffer.buffer();
        socket.handler(received::appendBuffer);
        AtomicInteger next = new AtomicInteger();
        long sender = vertx.setPeriodic(50, id -> {
            if (!closed.isDone() && next.get() < bytes.length()) {
                socket.write(bytes.substring(next.get(), next.incrementAndGet()));
            }
        });
        socket.closeHandler(v -> {
            vertx.cancelTimer(sender);
            closed.complete(received.toString(StandardCharsets.UTF_8));
        });
        return closed;
    }

    private void othersAreServed() throws Exception {
        assertThat(TestVertx.await(web.get(port, "127.0.0.1", "/hello").send()).bodyAsString()).isEqualTo("hello");
    }

    @Test
    void aHeaderSentByteByByteIsCutAtTheHeadLimitWhileOthersAreServed() throws Exception {
        long started = System.nanoTime();
        CompletableFuture<String> slow = trickle("", "GET /hello HTTP/1.1\r\nHost: localhost\r\nX-Padding: "
                + "a".repeat(200) + "\r\n\r\n");
        othersAreServed();
        assertThat(slow.isDone()).isFalse();
        String answer = slow.get(5, TimeUnit.SECONDS);
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertThat(answer).isEmpty();
        assertThat(tookMillis).isBetween(LIMIT.toMillis() - 50, LIMIT.toMillis() * 5);
        othersAreServed();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/echo", "/fast-echo"})
    void aBodySentByteByByteGets408AtTheBodyLimit(String path) throws Exception {
        CompletableFuture<String> slow = trickle("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Length: 1000\r\n\r\n",
                "b".repeat(1000));
        othersAreServed();
        String answer = slow.get(10, TimeUnit.SECONDS);
        assertThat(answer).startsWith("HTTP/1.1 408").contains("application/problem+json", "\"status\":408");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/echo", "/fast-echo"})
    void anIdleKeepAliveConnectionEndsAfterTheKeepAliveLimitAndAFastOneIsServedWhole(String path) throws Exception {
        NetSocket socket = TestVertx.await(vertx.createNetClient().connect(port, "127.0.0.1"));
        CompletableFuture<String> closed = new CompletableFuture<>();
        Buffer received = Buffer.buffer();
        socket.handler(received::appendBuffer);
        socket.closeHandler(v -> closed.complete(received.toString(StandardCharsets.UTF_8)));
        socket.write("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\n\r\nhello");
        assertThat(closed.get(5, TimeUnit.SECONDS)).startsWith("HTTP/1.1 200").endsWith("hello");
        assertThat(TestVertx.await(web.request(HttpMethod.POST, port, "127.0.0.1", path)
                .sendBuffer(Buffer.buffer("x".repeat(10_000)))).bodyAsString()).hasSize(10_000);
    }

    /** The server's own time is not the client's: an answer three limits late still reaches the client. */
    @Test
    void aSlowAnswerIsNotCut() throws Exception {
        var answer = TestVertx.await(web.get(port, "127.0.0.1", "/slow-answer").send());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.bodyAsString()).isEqualTo("late");
    }

    /** Each response restarts the keep-alive limit: a connection used every half limit stays open past several limits. */
    @Test
    void aKeepAliveConnectionInUseStaysOpen() throws Exception {
        NetSocket socket = TestVertx.await(vertx.createNetClient().connect(port, "127.0.0.1"));
        Buffer received = Buffer.buffer();
        socket.handler(received::appendBuffer);
        CompletableFuture<Void> closed = new CompletableFuture<>();
        socket.closeHandler(v -> closed.complete(null));
        int requests = 8;
        long started = System.nanoTime();
        for (int i = 0; i < requests; i++) {
            TestVertx.await(socket.write("GET /hello HTTP/1.1\r\nHost: localhost\r\n\r\n"));
            CompletableFuture<Void> pause = new CompletableFuture<>();
            vertx.setTimer(LIMIT.toMillis() / 2, id -> pause.complete(null));
            pause.get(5, TimeUnit.SECONDS);
        }
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isGreaterThan(LIMIT.toMillis() * 3);
        assertThat(closed).isNotDone();
        assertThat(received.toString(StandardCharsets.UTF_8).split("HTTP/1.1 200", -1)).hasSize(requests + 1);
        closed.get(5, TimeUnit.SECONDS);
    }
}
