package jp.jpkigate.perf.floor;

import io.vertx.core.VerticleBase;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.concurrent.CountDownLatch;

/**
 * The HTTP floor: a Vert.x 5 server doing what any JSON endpoint of the gateway does around its own
 * work and nothing else — a router, a body handler (capped), a constant JSON answer — on one verticle
 * instance per core sharing the port, as the gateway deploys its HTTP verticles.
 * {@code HttpFloorSimulation} loads it like the single validity check (same bodies, same shared
 * connection pool, same rate) and reads its CPU from {@code /proc/<pid>/stat}: server CPU per request
 * of this process is the floor the check's is compared with.
 *
 * <p>Why a process and not JMH of the handler: most of a small request's server CPU is outside any
 * handler (the socket reads and writes, HTTP/1.1 parsing and encoding in Netty, the event loop's
 * wake-ups); a JMH benchmark of the handler would leave all of that out and make every endpoint look
 * many times its floor.
 *
 * <pre>
 * java -cp perf/target/benchmarks.jar jp.jpkigate.perf.floor.TrivialEndpointServer &lt;port&gt; [instances]
 * </pre>
 * Prints {@code ready <port>} once it listens; {@code POST /revocation/v1/check} answers
 * {@code {"results":[{"status":"good"}]}}, {@code GET /health/live} 200.
 */
public final class TrivialEndpointServer extends VerticleBase {
    private static final Buffer ANSWER = Buffer.buffer("{\"results\":[{\"status\":\"good\"}]}");
    private static final int MAX_BODY = 4 * 1024 * 1024;

    private final int port;

    TrivialEndpointServer(int port) {
        this.port = port;
    }

    @Override
    public Future<?> start() {
        Router router = Router.router(vertx);
        router.post("/revocation/v1/check").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY))
                .handler(ctx -> ctx.response().putHeader("Content-Type", "application/json").end(ANSWER));
        router.get("/health/live").handler(ctx -> ctx.response().end());
        return vertx.createHttpServer().requestHandler(router).listen(port, "127.0.0.1");
    }

    public static void main(String[] args) throws InterruptedException {
        int port = Integer.parseInt(args[0]);
        int instances = args.length > 1 ? Integer.parseInt(args[1]) : Runtime.getRuntime().availableProcessors();
        // The gateway's transport (Metrics.start): epoll on Linux, else NIO.
        Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
        vertx.deployVerticle(() -> new TrivialEndpointServer(port), new DeploymentOptions().setInstances(instances)).await();
        System.out.println("ready " + port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            vertx.close().await();
            stopped.countDown();
        }));
        stopped.await();
    }
}
