package jp.jpkigate.idp.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.VertxException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import jp.jpkigate.idp.oauth.OAuthError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What the OP's failure handler answers for each kind of failure, over HTTP. */
@ExtendWith(VertxExtension.class)
class OAuthFailureHandlerTest {
    private HttpServer server;
    private WebClient client;

    @BeforeEach
    void start(Vertx vertx) {
        Router router = Router.router(vertx);
        router.get("/oauth").handler(ctx -> ctx.fail(OAuthError.INVALID_GRANT.withDescription("no").toException()));
        router.get("/busy").handler(ctx -> ctx.fail(new ConnectionPoolTooBusyException("queue full")));
        router.get("/busy-wrapped").handler(ctx -> ctx.fail(new VertxException("redis", new ConnectionPoolTooBusyException("q"))));
        router.get("/bug").handler(ctx -> ctx.fail(new IllegalStateException("a bug, with request data")));
        router.route().failureHandler(new OAuthFailureHandler());
        server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
        client = WebClient.create(vertx);
    }

    @AfterEach
    void stop() {
        client.close();
        server.close().await();
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
    void anythingElseIs500WithoutDetails() {
        HttpResponse<Buffer> response = get("/bug");
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.bodyAsJsonObject().getString("error")).isEqualTo("server_error");
        assertThat(response.bodyAsString()).doesNotContain("request data");
    }
}
