package jp.jpkigate.gateway.web;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bounds how long a client may take to send a request, against slow-request ("slowloris") attacks
 * that hold connections open by sending a header or a body a byte at a time:
 * <ul>
 *   <li>{@code head}: from the connection's opening until its first request head is complete; past
 *       it the connection is closed;</li>
 *   <li>{@code keepAlive}: from the end of a response until the next request head is complete; past
 *       it the connection is closed. Longer than {@code head}: it must outlast the idle timeout of a
 *       proxy or load balancer that keeps connections to the gateway open (60 s for nginx and AWS
 *       ALB), or the proxy may send a request on a connection the gateway is just closing;</li>
 *   <li>{@code body}: from a request's head until its body has arrived; past it the request is
 *       answered {@code 408} (problem+json) and the connection closed.</li>
 * </ul>
 * Waiting for the server's answer (a long poll) is not bounded here. The clock is Vert.x's timers;
 * each connection's bookkeeping stays on its event loop.
 */
public final class SlowClients {
    private final Vertx vertx;
    private final long headMillis;
    private final long keepAliveMillis;
    private final long bodyMillis;
    private final Map<HttpConnection, Waiting> connections = new ConcurrentHashMap<>();

    public SlowClients(Vertx vertx, Duration head, Duration keepAlive, Duration body) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.headMillis = head.toMillis();
        this.keepAliveMillis = keepAlive.toMillis();
        this.bodyMillis = body.toMillis();
        if (headMillis < 1 || keepAliveMillis < 1 || bodyMillis < 1) {
            throw new IllegalArgumentException("the head, keep-alive and body time limits are positive");
        }
    }

    /** Serves {@code router} on {@code server} under these limits (the router's first route keeps the count). */
    public HttpServer guard(HttpServer server, Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::requestArrived);
        return server.connectionHandler(this::connected).requestHandler(router);
    }

    private void connected(HttpConnection connection) {
        Waiting waiting = new Waiting(connection);
        connections.put(connection, waiting);
        connection.closeHandler(v -> {
            Waiting closed = connections.remove(connection);
            if (closed != null) {
                closed.cancel();
            }
        });
        waiting.awaitHead(headMillis);
    }

    private void requestArrived(RoutingContext ctx) {
        Waiting waiting = connections.get(ctx.request().connection());
        if (waiting != null) {
            waiting.requestStarted();
            long bodyTimer = ctx.request().isEnded() ? -1 : vertx.setTimer(bodyMillis, id -> {
                if (!ctx.request().isEnded()) {
                    Problem.write(ctx, 408).onComplete(done -> waiting.connection.close());
                }
            });
            ctx.addEndHandler(ended -> {
                vertx.cancelTimer(bodyTimer);
                waiting.requestEnded();
            });
        }
        ctx.next();
    }

    /** One connection: its requests in flight and, when there are none, the timer for the next head. */
    private final class Waiting {
        private final HttpConnection connection;
        private int inFlight;
        private long headTimer = -1;

        Waiting(HttpConnection connection) {
            this.connection = connection;
        }

        void awaitHead(long millis) {
            cancel();
            headTimer = vertx.setTimer(millis, id -> connection.close());
        }

        void requestStarted() {
            inFlight++;
            cancel();
        }

        void requestEnded() {
            if (--inFlight == 0 && connections.containsKey(connection)) {
                awaitHead(keepAliveMillis);
            }
        }

        void cancel() {
            if (headTimer >= 0) {
                vertx.cancelTimer(headTimer);
                headTimer = -1;
            }
        }
    }
}
