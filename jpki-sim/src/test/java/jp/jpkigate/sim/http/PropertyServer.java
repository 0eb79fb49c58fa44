package jp.jpkigate.sim.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import java.util.concurrent.TimeUnit;

/** The simulator's HTTP server on a Vert.x of its own, for jqwik properties (which have no VertxExtension). */
final class PropertyServer {
    private final Vertx vertx;
    private final SimHttpServer server;
    private final WebClient client;

    private PropertyServer(Vertx vertx, SimHttpServer server) {
        this.vertx = vertx;
        this.server = server;
        this.client = WebClient.create(vertx);
    }

    static PropertyServer start(SimPublisherSources sources) throws Exception {
        Vertx vertx = Vertx.vertx();
        return new PropertyServer(vertx, await(SimHttpServer.start(vertx, sources, "127.0.0.1", 0)));
    }

    /** The future's result, or fails after 20 seconds. */
    static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    HttpRequest<Buffer> get(String path) {
        return client.get(server.port(), "127.0.0.1", path);
    }

    HttpRequest<Buffer> post(String path) {
        return client.post(server.port(), "127.0.0.1", path);
    }

    void close() throws Exception {
        await(server.close());
        await(vertx.close());
    }
}
