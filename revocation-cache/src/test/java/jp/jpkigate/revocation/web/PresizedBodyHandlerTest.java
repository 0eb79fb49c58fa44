package jp.jpkigate.revocation.web;

import static jp.jpkigate.revocation.web.TestServer.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.ext.web.Router;
import io.vertx.junit5.VertxExtension;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link PresizedBodyHandler} on a real server: a large body with a Content-Length lands in one array of
 * exactly its size (Vert.x's handler doubles from 64 KiB: 131,072 for 100,000 bytes); bodies it leaves
 * to Vert.x's handler (small, chunked) arrive whole; 413 for too large is Vert.x's handler's
 * (CheckErrorsTest). The route answers the body's length, the length of the array under it and whether
 * it has the bytes sent.
 */
@ExtendWith(VertxExtension.class)
class PresizedBodyHandlerTest {
    private static final int LIMIT = 300_000;
    private static final byte[] SENT = new byte[LIMIT];
    private static HttpServer server;
    private static HttpClient client;

    @BeforeAll
    static void start(Vertx vertx) throws Exception {
        new Random(7).nextBytes(SENT);
        Router router = Router.router(vertx);
        router.post("/body").handler(new PresizedBodyHandler(LIMIT)).handler(ctx -> {
            Buffer body = ctx.body().buffer();
            byte[] bytes = body.getBytes();
            boolean same = Arrays.equals(bytes, 0, bytes.length, SENT, 0, bytes.length);
            ctx.end(body.length() + " " + ((BufferInternal) body).getByteBuf().array().length + " " + same);
        });
        router.route().failureHandler(ctx -> ctx.response().setStatusCode(ctx.statusCode()).end());
        server = await(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
        client = vertx.createHttpClient();
    }

    @AfterAll
    static void stop() throws Exception {
        await(client.close());
        await(server.close());
    }

    /** The route's answer to a POST of the first {@code length} bytes of {@link #SENT}. */
    private static String post(int length, boolean chunked) throws Exception {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1")
                .setPort(server.actualPort()).setURI("/body").putHeader("Content-Type", "application/json");
        return await(client.request(options).compose(request -> {
            request.setChunked(chunked);
            return request.send(Buffer.buffer(Arrays.copyOf(SENT, length)));
        }).compose(response -> response.body().map(body -> response.statusCode() + " " + body)));
    }

    @Test
    void aLargeBodyWithItsLengthIsReadIntoABufferOfThatSize() throws Exception {
        assertThat(post(100_000, false)).isEqualTo("200 100000 100000 true");
        assertThat(post(LIMIT, false)).isEqualTo("200 " + LIMIT + " " + LIMIT + " true");
    }

    @Test
    void otherBodiesAreVertxsAndArriveWhole() throws Exception {
        assertThat(post(1000, false)).startsWith("200 1000 ").endsWith(" true");
        assertThat(post(100_000, true)).startsWith("200 100000 ").endsWith(" true");
    }
}
