package jp.jpkigate.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import jp.jpkigate.gateway.TestVertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class ProblemFailureHandlerTest {
    private Vertx vertx;
    private HttpServer server;
    private WebClient client;

    @BeforeEach
    void start(VertxTestContext ctx) {
        vertx = TestVertx.create();
        client = WebClient.create(vertx);
        Router router = Router.router(vertx);
        router.get("/boom").handler(rc -> {
            throw new IllegalStateException("secret internal detail");
        });
        router.get("/teapot").handler(rc -> rc.fail(418));
        router.get("/bad").handler(rc -> rc.fail(new HttpException(400, "parser said no")));
        router.get("/gateway-error").handler(rc -> rc.fail(502));
        router.route().failureHandler(new ProblemFailureHandler());
        vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                .onSuccess(listening -> server = listening)
                .onComplete(ctx.succeedingThenComplete());
    }

    @AfterEach
    void stop() throws Exception {
        TestVertx.await(vertx.close());
    }

    @Test
    void anExceptionIsA500WithoutDetails(VertxTestContext ctx) {
        client.get(server.actualPort(), "127.0.0.1", "/boom").send()
                .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
                    assertThat(response.statusCode()).isEqualTo(500);
                    assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
                    assertThat(response.bodyAsJsonObject()).isEqualTo(new JsonObject()
                            .put("type", "about:blank").put("title", "Internal Server Error").put("status", 500));
                    assertThat(response.bodyAsString()).doesNotContain("secret", "Exception", "at ");
                    ctx.completeNow();
                })));
    }

    @Test
    void aDeliberateClientErrorKeepsItsStatus(VertxTestContext ctx) {
        client.get(server.actualPort(), "127.0.0.1", "/teapot").send()
                .compose(teapot -> {
                    ctx.verify(() -> assertThat(teapot.bodyAsJsonObject().getInteger("status")).isEqualTo(418));
                    return client.get(server.actualPort(), "127.0.0.1", "/bad").send();
                })
                .onComplete(ctx.succeeding(bad -> ctx.verify(() -> {
                    assertThat(bad.statusCode()).isEqualTo(400);
                    assertThat(bad.bodyAsString()).doesNotContain("parser said no");
                    ctx.completeNow();
                })));
    }

    @Test
    void aServerErrorBecomesA500(VertxTestContext ctx) {
        client.get(server.actualPort(), "127.0.0.1", "/gateway-error").send()
                .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
                    assertThat(response.statusCode()).isEqualTo(500);
                    ctx.completeNow();
                })));
    }
}
