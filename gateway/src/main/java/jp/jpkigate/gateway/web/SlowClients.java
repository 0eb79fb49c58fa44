package jp.jpkigate.gateway.web;

import io.netty.channel.EventLoop;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.internal.ContextInternal;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

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
 * Waiting for the server's answer (a long poll) is not bounded here.
 *
 * <p>A request only writes deadlines (a read of {@link System#nanoTime}); no timer is armed or cancelled
 * per request, which cost more than the rest of a small request's bookkeeping. Each event loop sweeps its
 * own connections periodically ({@link #sweepMillis}: a quarter of the shortest limit, 10 ms to 1 s), so
 * a limit is enforced between the limit and the limit plus one sweep period. Each connection's
 * bookkeeping stays on its event loop.
 */
public final class SlowClients {
    private final Vertx vertx;
    private final long headNanos;
    private final long keepAliveNanos;
    private final long bodyNanos;
    private final long sweepMillis;
    private final LongSupplier nanoTime;
    private final Map<HttpConnection, Waiting> connections = new ConcurrentHashMap<>();
    /** The event loops that sweep, each its own connections. */
    private final Map<EventLoop, Long> sweeps = new ConcurrentHashMap<>();

    public SlowClients(Vertx vertx, Duration head, Duration keepAlive, Duration body) {
        this(vertx, head, keepAlive, body, System::nanoTime);
    }

    SlowClients(Vertx vertx, Duration head, Duration keepAlive, Duration body, LongSupplier nanoTime) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        if (head.toMillis() < 1 || keepAlive.toMillis() < 1 || body.toMillis() < 1) {
            throw new IllegalArgumentException("the head, keep-alive and body time limits are positive");
        }
        this.headNanos = head.toNanos();
        this.keepAliveNanos = keepAlive.toNanos();
        this.bodyNanos = body.toNanos();
        long shortest = Math.min(head.toMillis(), Math.min(keepAlive.toMillis(), body.toMillis()));
        this.sweepMillis = Math.max(10, Math.min(1000, shortest / 4));
    }

    /** Serves {@code router} on {@code server} under these limits (the router's first route keeps the count). */
    public HttpServer guard(HttpServer server, Router router) {
        return guard(server, router, request -> false, request -> {
        });
    }

    /**
     * The same, with the requests {@code takes} picks from their head served by {@code shortcut} instead of
     * the router, under the same limits.
     */
    public HttpServer guard(HttpServer server, Router router, Predicate<HttpServerRequest> takes,
                            Handler<HttpServerRequest> shortcut) {
        router.route().order(Integer.MIN_VALUE).handler(this::requestArrived);
        return server.connectionHandler(this::connected).requestHandler(request -> {
            if (takes.test(request)) {
                shortcutArrived(request);
                shortcut.handle(request);
            } else {
                router.handle(request);
            }
        });
    }

    /** How often each event loop checks its connections' deadlines. */
    long sweepMillis() {
        return sweepMillis;
    }

    private void connected(HttpConnection connection) {
        ContextInternal context = (ContextInternal) vertx.getOrCreateContext();
        EventLoop loop = context.nettyEventLoop();
        sweeps.computeIfAbsent(loop, l -> context.unwrap().setPeriodic(sweepMillis, id -> sweep(l)));
        Waiting waiting = new Waiting(connection, loop, nanoTime.getAsLong() + headNanos);
        connections.put(connection, waiting);
        connection.closeHandler(v -> connections.remove(connection));
    }

    private void requestArrived(RoutingContext ctx) {
        Waiting waiting = connections.get(ctx.request().connection());
        if (waiting != null) {
            BodyWait body = waiting.requestArrived(ctx.request());
            ctx.addEndHandler(ended -> waiting.requestEnded(body));
        }
        ctx.next();
    }

    /** The same for a request served without the router: its end is its response's end or close. */
    private void shortcutArrived(HttpServerRequest request) {
        Waiting waiting = connections.get(request.connection());
        if (waiting != null) {
            BodyWait body = waiting.requestArrived(request);
            Handler<Void> ended = new Handler<>() {
                private boolean done;

                @Override
                public void handle(Void event) {
                    if (!done) {
                        done = true;
                        waiting.requestEnded(body);
                    }
                }
            };
            request.response().endHandler(ended).closeHandler(ended);
        }
    }

    /** On {@code loop}: closes its connections past a head or keep-alive deadline, answers 408 to bodies past theirs. */
    private void sweep(EventLoop loop) {
        long now = nanoTime.getAsLong();
        for (Waiting waiting : connections.values()) {
            if (waiting.loop == loop) {
                waiting.sweep(now);
            }
        }
    }

    /** A request whose body has not arrived yet, and when it must have. */
    private record BodyWait(HttpServerRequest request, long deadline) {
    }

    /** One connection: its requests in flight and, when there are none, the deadline of the next head. */
    private final class Waiting {
        private final HttpConnection connection;
        private final EventLoop loop;
        private int inFlight;
        /** When the next request head must be complete; read only while no request is in flight. */
        private long headDeadline;
        /** Requests still receiving their body (at most one on HTTP/1.1), null when none. */
        private List<BodyWait> bodies;

        Waiting(HttpConnection connection, EventLoop loop, long headDeadline) {
            this.connection = connection;
            this.loop = loop;
            this.headDeadline = headDeadline;
        }

        /** Counts {@code request} in flight; its body wait when the body has yet to arrive, else null. */
        BodyWait requestArrived(HttpServerRequest request) {
            inFlight++;
            if (request.isEnded()) {
                return null;
            }
            BodyWait wait = new BodyWait(request, nanoTime.getAsLong() + bodyNanos);
            if (bodies == null) {
                bodies = new ArrayList<>(2);
            }
            bodies.add(wait);
            return wait;
        }

        void requestEnded(BodyWait body) {
            if (body != null && bodies != null) {
                bodies.remove(body);
            }
            if (--inFlight == 0) {
                headDeadline = nanoTime.getAsLong() + keepAliveNanos;
            }
        }

        void sweep(long now) {
            if (inFlight == 0) {
                if (now - headDeadline >= 0) {
                    connection.close();
                }
                return;
            }
            if (bodies == null || bodies.isEmpty()) {
                return;
            }
            for (int i = bodies.size() - 1; i >= 0; i--) {
                BodyWait wait = bodies.get(i);
                if (wait.request.isEnded()) {
                    bodies.remove(i);
                } else if (now - wait.deadline >= 0) {
                    bodies.remove(i);
                    Problem.write(wait.request.response(), 408).onComplete(done -> connection.close());
                }
            }
        }
    }
}
