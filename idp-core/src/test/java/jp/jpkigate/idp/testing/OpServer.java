package jp.jpkigate.idp.testing;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.redis.client.Redis;
import java.util.concurrent.TimeUnit;
import jp.jpkigate.testing.TestRedis;

/**
 * What every OP test server stands on: a real redis-server, Vert.x whose blocked-loop warning
 * fires early, and — once the routes are built on them — the router on port 0 with a web client.
 */
public final class OpServer implements AutoCloseable {
    public final TestRedis redisServer;
    public final Vertx vertx;
    public final Redis redis;
    private HttpServer server;
    private WebClient web;

    private OpServer(long maxEventLoopMillis) throws Exception {
        redisServer = TestRedis.start();
        vertx = Vertx.vertx(new VertxOptions().setMaxEventLoopExecuteTime(maxEventLoopMillis)
                .setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS));
        redis = redisServer.client(vertx);
    }

    public static OpServer open(long maxEventLoopMillis) throws Exception {
        return new OpServer(maxEventLoopMillis);
    }

    /** Serves the router on a free loopback port; the client follows no redirects when told so. */
    public OpServer listen(Router router, boolean followRedirects) throws Exception {
        return listen(router, followRedirects, new HttpServerOptions(), new WebClientOptions());
    }

    /** The same with these listener and client options (TLS for the mutual-TLS tests). */
    public OpServer listen(Router router, boolean followRedirects, HttpServerOptions serverOptions, WebClientOptions clientOptions)
            throws Exception {
        server = TestRedis.await(vertx.createHttpServer(serverOptions).requestHandler(router).listen(0, "127.0.0.1"));
        web = WebClient.create(vertx, new WebClientOptions(clientOptions).setDefaultHost("127.0.0.1")
                .setDefaultPort(server.actualPort()).setFollowRedirects(followRedirects));
        return this;
    }

    public HttpServer server() {
        return server;
    }

    public WebClient web() {
        return web;
    }

    @Override
    public void close() throws Exception {
        try {
            if (web != null) {
                web.close();
            }
            TestRedis.await(vertx.close());
        } finally {
            redisServer.close();
        }
    }
}
