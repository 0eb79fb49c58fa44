package jp.jpkigate.gateway;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.concurrent.TimeUnit;

/** Test helpers: a Vert.x that complains loudly about a blocked event loop, and a bounded wait. */
public final class TestVertx {
    private TestVertx() {
    }

    /**
     * A Vert.x whose blocked-thread checker warns after 100 ms on an event loop. (Netty 4.2 warms
     * up its JFR events on the first buffer allocation, which can trip it once per JVM.)
     */
    public static Vertx create() {
        return Vertx.vertx(new VertxOptions()
                .setMaxEventLoopExecuteTime(100)
                .setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS)
                .setBlockedThreadCheckInterval(50)
                .setBlockedThreadCheckIntervalUnit(TimeUnit.MILLISECONDS));
    }

    /** Waits (from a test thread, never an event loop) for {@code future}, at most 20 s. */
    public static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }
}
