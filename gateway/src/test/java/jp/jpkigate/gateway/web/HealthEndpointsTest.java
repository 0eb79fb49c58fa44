package jp.jpkigate.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.time.Clock;
import jp.jpkigate.gateway.TestVertx;
import jp.jpkigate.gateway.app.GatewayVerticle;
import jp.jpkigate.gateway.config.ConfigException;
import jp.jpkigate.gateway.config.ConfigLoader;
import jp.jpkigate.gateway.config.GatewayConfig;
import jp.jpkigate.gateway.redis.EmbeddedRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The health endpoints against a real embedded Redis, on a gateway listening on port 0. */
@ExtendWith(VertxExtension.class)
class HealthEndpointsTest {
    @TempDir
    Path dataDir;

    private Vertx vertx;
    private EmbeddedRedis redis;
    private GatewayVerticle verticle;
    private WebClient client;

    @BeforeEach
    void start(VertxTestContext ctx) {
        vertx = TestVertx.create();
        client = WebClient.create(vertx);
        EmbeddedRedis.start(vertx, dataDir, 0)
                .compose(started -> {
                    redis = started;
                    GatewayConfig.Http http = config().http();
                    verticle = new GatewayVerticle(http, http.port(), started.url(), java.util.Optional.empty(),
                            java.util.Optional.empty(), java.util.Optional.empty(),
                            new jp.jpkigate.feed.metrics.InProcessFeedMetrics(), Clock.systemUTC());
                    return vertx.deployVerticle(verticle);
                })
                .onComplete(ctx.succeedingThenComplete());
    }

    private GatewayConfig config() {
        try {
            return ConfigLoader.parse(null, java.util.Map.of("JPKI_GATE_HTTP_PORT", "0",
                    "JPKI_GATE_DATA_DIR", dataDir.toString()));
        } catch (ConfigException e) {
            throw new AssertionError(e);
        }
    }

    @AfterEach
    void stop() throws Exception {
        if (redis != null) {
            TestVertx.await(redis.stop());
        }
        TestVertx.await(vertx.close());
    }

    @Test
    void liveIsUp(VertxTestContext ctx) {
        client.get(verticle.actualPort(), "127.0.0.1", "/health/live").send()
                .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
                    assertThat(response.statusCode()).isEqualTo(200);
                    assertThat(response.getHeader("Content-Type")).isEqualTo("application/json");
                    assertThat(response.bodyAsJsonObject()).isEqualTo(new JsonObject().put("status", "UP"));
                    ctx.completeNow();
                })));
    }

    @Test
    void readyIsUpWhileRedisAnswers(VertxTestContext ctx) {
        client.get(verticle.actualPort(), "127.0.0.1", "/health/ready").send()
                .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
                    assertThat(response.statusCode()).isEqualTo(200);
                    assertThat(response.bodyAsJsonObject()).isEqualTo(new JsonObject()
                            .put("status", "UP").put("checks", new JsonObject().put("redis", "UP")));
                    ctx.completeNow();
                })));
    }

    @Test
    void readyIsDownSoonAfterRedisStops(VertxTestContext ctx) {
        long[] startedAt = new long[1];
        redis.stop()
                .compose(stopped -> {
                    startedAt[0] = System.nanoTime();
                    return client.get(verticle.actualPort(), "127.0.0.1", "/health/ready").timeout(5_000).send();
                })
                .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
                    long elapsedMillis = (System.nanoTime() - startedAt[0]) / 1_000_000;
                    assertThat(response.statusCode()).isEqualTo(503);
                    assertThat(response.bodyAsJsonObject()).isEqualTo(new JsonObject()
                            .put("status", "DOWN").put("checks", new JsonObject().put("redis", "DOWN")));
                    assertThat(elapsedMillis).isLessThan(3_000);
                    ctx.completeNow();
                })));
    }

    @Test
    void unknownPathIsAProblem(VertxTestContext ctx) {
        client.get(verticle.actualPort(), "127.0.0.1", "/no/such/path").send()
                .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
                    assertThat(response.statusCode()).isEqualTo(404);
                    assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
                    assertThat(response.bodyAsJsonObject()).isEqualTo(new JsonObject()
                            .put("type", "about:blank").put("title", "Not Found").put("status", 404));
                    ctx.completeNow();
                })));
    }

    @Test
    void wrongMethodIsAProblem(VertxTestContext ctx) {
        client.delete(verticle.actualPort(), "127.0.0.1", "/health/live").send()
                .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
                    assertThat(response.statusCode()).isEqualTo(405);
                    assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
                    ctx.completeNow();
                })));
    }
}
