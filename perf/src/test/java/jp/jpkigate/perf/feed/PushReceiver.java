package jp.jpkigate.perf.feed;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.util.concurrent.TimeUnit;

/**
 * The business's receiver of pushed SETs (RFC 8935) in the load generator: {@code POST /events} with a
 * SET of the {@link ChangeProducer} answers {@code 202} and counts it ({@link FeedCount}); anything else
 * answers {@code 400} with {@code invalid_request}.
 */
final class PushReceiver implements AutoCloseable {
    private final Vertx vertx;
    private final HttpServer server;

    private PushReceiver(Vertx vertx, HttpServer server) {
        this.vertx = vertx;
        this.server = server;
    }

    /** Listens on loopback {@code port}. */
    static PushReceiver start(int port, FeedCount count) throws Exception {
        Vertx vertx = Vertx.vertx();
        HttpServer server = vertx.createHttpServer().requestHandler(request -> {
            if (!"/events".equals(request.path())) {
                request.response().setStatusCode(404).end();
                return;
            }
            request.body().onSuccess(body -> {
                String jti = ChangeProducer.jti(body.toString());
                if (jti == null) {
                    request.response().setStatusCode(400).putHeader("Content-Type", "application/json")
                            .end("{\"err\":\"invalid_request\",\"description\":\"not a SET of the load test\"}");
                } else {
                    count.delivered(jti);
                    request.response().setStatusCode(202).end();
                }
            });
        });
        server.listen(port, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return new PushReceiver(vertx, server);
    }

    @Override
    public void close() {
        server.close();
        vertx.close();
    }
}
