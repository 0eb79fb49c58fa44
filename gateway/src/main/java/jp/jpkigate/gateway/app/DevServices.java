package jp.jpkigate.gateway.app;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import jp.jpkigate.gateway.config.GatewayConfig;
import jp.jpkigate.gateway.redis.EmbeddedRedis;
import jp.jpkigate.sim.serve.SimServer;

/**
 * The local helpers of dev mode: the embedded Redis when no Redis URL is configured, and the
 * J-LIS simulator's HTTP server. In prod the config guarantees neither is wanted, so this starts
 * nothing.
 */
public final class DevServices {
    private final EmbeddedRedis embeddedRedis;
    private volatile SimServer simulator;

    private DevServices(EmbeddedRedis embeddedRedis) {
        this.embeddedRedis = embeddedRedis;
    }

    /** Starts the embedded Redis if {@code config} names no Redis URL. */
    public static Future<DevServices> start(Vertx vertx, GatewayConfig config) {
        if (config.redis().externalUrl().isPresent()) {
            return Future.succeededFuture(new DevServices(null));
        }
        return EmbeddedRedis.start(vertx, config.dataDir(), config.redis().embeddedPort(),
                config.redis().embeddedFsync())
                .map(DevServices::new);
    }

    /** The embedded Redis, if one was started. */
    public Optional<EmbeddedRedis> embeddedRedis() {
        return Optional.ofNullable(embeddedRedis);
    }

    /** The Redis the gateway should use: the configured URL, else the embedded one's. */
    public String redisUrl(GatewayConfig config) {
        return config.redis().externalUrl().orElseGet(() -> embeddedRedis.url());
    }

    /**
     * Starts the J-LIS simulator's HTTP server on loopback, over the state directory
     * {@code <dataDir>/sim} (created on first start), which the {@code jpki-sim} CLI shares.
     */
    public Future<Void> startSimulator(Vertx vertx, GatewayConfig config, Clock clock) {
        return SimServer.start(vertx, simulatorStateDir(config), "127.0.0.1", config.simulator().port(), clock,
                SimServer.DEFAULT_RELOAD)
                .onSuccess(started -> simulator = started)
                .mapEmpty();
    }

    /** Where the dev-mode simulator keeps its CAs, people and cards. */
    public static Path simulatorStateDir(GatewayConfig config) {
        return config.dataDir().resolve("sim");
    }

    /** The simulator, once started. */
    public Optional<SimServer> simulator() {
        return Optional.ofNullable(simulator);
    }

    /** Stops whatever was started; completes when the processes have exited. */
    public Future<Void> stop() {
        SimServer sim = simulator;
        Future<Void> simStopped = sim == null ? Future.succeededFuture() : sim.close();
        return simStopped.eventually(() -> embeddedRedis == null ? Future.succeededFuture() : embeddedRedis.stop());
    }
}
