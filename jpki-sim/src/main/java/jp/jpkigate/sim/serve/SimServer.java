package jp.jpkigate.sim.serve;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import jp.jpkigate.sim.http.SimHttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated J-LIS as a running service: its HTTP server (CA certificates, CRLs, OCSP, renewal
 * linkage, the latest-4-information service's consent registry and provision API) over a state
 * directory, re-read every {@code reloadEvery} so that what the CLI does in another process is
 * published within seconds (consents, in their own locked file, at once). Used by {@code jpki-sim serve} and by the gateway's dev mode.
 */
public final class SimServer {
    /** How often the state directory is checked for changes by default. */
    public static final Duration DEFAULT_RELOAD = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(SimServer.class);

    private final Vertx vertx;
    private final SimHttpServer http;
    private final StateDirectorySources sources;
    private final long timer;

    private SimServer(Vertx vertx, SimHttpServer http, StateDirectorySources sources, long timer) {
        this.vertx = vertx;
        this.http = http;
        this.sources = sources;
        this.timer = timer;
    }

    /** Opens (or initialises) the state directory off the event loop, then listens on {@code host:port}. */
    public static Future<SimServer> start(Vertx vertx, Path stateDir, String host, int port, Clock clock,
                                          Duration reloadEvery) {
        return vertx.executeBlocking(() -> StateDirectorySources.openOrInit(stateDir, clock, new SecureRandom()))
                .compose(sources -> SimHttpServer.start(vertx, sources, host, port)
                        .map(http -> new SimServer(vertx, http, sources,
                                vertx.setPeriodic(reloadEvery.toMillis(), id -> reload(vertx, sources)))));
    }

    private static Future<Boolean> reload(Vertx vertx, StateDirectorySources sources) {
        return vertx.executeBlocking(sources::reloadIfChanged, false)
                .onFailure(e -> LOG.warn("cannot re-read the simulator state in {}: {}", sources.dir(), e.toString()));
    }

    /** Re-reads the state directory now if it changed; true when it did. */
    public Future<Boolean> reloadNow() {
        return reload(vertx, sources);
    }

    public int port() {
        return http.port();
    }

    public Path stateDir() {
        return sources.dir();
    }

    public Future<Void> close() {
        vertx.cancelTimer(timer);
        return http.close();
    }
}
