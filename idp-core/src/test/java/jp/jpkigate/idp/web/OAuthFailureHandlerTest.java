package jp.jpkigate.idp.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import jp.jpkigate.idp.oauth.OAuthError;
import jp.jpkigate.idp.store.StoreUnavailableException;
import jp.jpkigate.testing.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the OP's failure handler answers for each kind of failure, over HTTP; Redis out of reach with a
 * real redis-server (a port nobody listens on, and one stopped under a blocked command).
 */
@ExtendWith(VertxExtension.class)
class OAuthFailureHandlerTest {
    private HttpServer server;
    private WebClient client;
    private TestRedis redisServer;
    private Redis redis;
    private volatile RedisConnection held;

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        redisServer = TestRedis.start();
        redis = redisServer.client(vertx);
        Redis nobody = Redis.createClient(vertx, "redis://127.0.0.1:" + closedPort());
        Router router = Router.router(vertx);
        router.get("/redis-refused").handler(ctx -> nobody.send(Request.cmd(Command.PING)).onFailure(ctx::fail));
        router.get("/redis-closed").handler(ctx -> held.send(Request.cmd(Command.PING))
                .onComplete(ar -> ctx.fail(ar.failed() ? ar.cause() : new IllegalStateException("PING answered"))));
        router.get("/redis-killed").handler(ctx -> redis.send(Request.cmd(Command.BLPOP).arg("nothing").arg(30))
                .onComplete(ar -> ctx.fail(ar.failed() ? ar.cause() : new IllegalStateException("BLPOP answered"))));
        router.get("/oauth").handler(ctx -> ctx.fail(OAuthError.INVALID_GRANT.withDescription("no").toException()));
        router.get("/busy").handler(ctx -> ctx.fail(new ConnectionPoolTooBusyException("queue full")));
        router.get("/busy-wrapped").handler(ctx -> ctx.fail(new VertxException("redis", new ConnectionPoolTooBusyException("q"))));
        router.get("/not-replicated").handler(ctx -> ctx.fail(new VertxException("write",
                new StoreUnavailableException("the write reached 0 of 1 required replicas in time"))));
        router.get("/redis-reset").handler(ctx -> ctx.fail(new java.io.IOException("Connection reset by peer")));
        router.get("/bug").handler(ctx -> ctx.fail(new IllegalStateException("a bug, with request data")));
        router.route().failureHandler(new OAuthFailureHandler());
        server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
        client = WebClient.create(vertx);
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        server.close().await();
        redis.close();
        redisServer.close();
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    private HttpResponse<Buffer> get(String path) {
        return client.get(server.actualPort(), "127.0.0.1", path).send().await();
    }

    @Test
    void anOAuthErrorIsWrittenAsItIs() {
        HttpResponse<Buffer> response = get("/oauth");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.bodyAsJsonObject().getString("error")).isEqualTo("invalid_grant");
    }

    @Test
    void aFullConnectionPoolIs503WithRetryAfterNotAServerError() {
        for (String path : new String[] {"/busy", "/busy-wrapped"}) {
            HttpResponse<Buffer> response = get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(503);
            assertThat(response.getHeader("Retry-After")).as(path).isEqualTo("1");
            assertThat(response.bodyAsJsonObject().getString("error")).isEqualTo("temporarily_unavailable");
        }
    }

    @Test
    void aWriteTheStoreRefusedForNowIs503WithRetryAfterNotAServerError() {
        HttpResponse<Buffer> response = get("/not-replicated");
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("5");
        assertThat(response.bodyAsJsonObject().getString("error")).isEqualTo("temporarily_unavailable");
        assertThat(response.bodyAsString()).doesNotContain("replicas");
    }

    @Test
    void redisRefusingConnectionsIs503WithRetryAfterNotAServerError() {
        HttpResponse<Buffer> response = get("/redis-refused");
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("5");
        assertThat(response.bodyAsJsonObject().getString("error")).isEqualTo("temporarily_unavailable");
    }

    @Test
    void redisDyingUnderACommandIs503WithRetryAfterNotAServerError() throws Exception {
        Future<HttpResponse<Buffer>> pending = client.get(server.actualPort(), "127.0.0.1", "/redis-killed").send();
        Instant deadline = Instant.now().plusSeconds(10);
        while (!TestRedis.call(redis, Command.INFO, "clients").toString().contains("blocked_clients:1")) {
            assertThat(Instant.now()).as("the route's BLPOP to block").isBefore(deadline);
            TimeUnit.MILLISECONDS.sleep(20);
        }
        redisServer.close();

        HttpResponse<Buffer> response = pending.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("5");
        assertThat(response.bodyAsJsonObject().getString("error")).isEqualTo("temporarily_unavailable");
    }

    @Test
    void aCommandOnAConnectionRedisClosedIs503NotAServerError() throws Exception {
        held = TestRedis.await(redis.connect());
        CompletableFuture<Void> ended = new CompletableFuture<>();
        held.endHandler(v -> ended.complete(null));
        redisServer.close();
        ended.get(10, TimeUnit.SECONDS);

        HttpResponse<Buffer> response = get("/redis-closed");
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(503);
        assertThat(response.bodyAsJsonObject().getString("error")).isEqualTo("temporarily_unavailable");
    }

    /** What the Redis client fails a command with when Redis dies while the command is being written (NIO's words). */
    @Test
    void aConnectionResetUnderAWriteIs503NotAServerError() {
        HttpResponse<Buffer> response = get("/redis-reset");
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(503);
        assertThat(response.bodyAsJsonObject().getString("error")).isEqualTo("temporarily_unavailable");
    }

    @Test
    void anythingElseIs500WithoutDetails() {
        HttpResponse<Buffer> response = get("/bug");
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.bodyAsJsonObject().getString("error")).isEqualTo("server_error");
        assertThat(response.bodyAsString()).doesNotContain("request data");
    }
}
