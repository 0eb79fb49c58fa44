package jp.jpkigate.gateway.app;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Optional;
import jp.jpkigate.gateway.config.GatewayConfig;
import jp.jpkigate.gateway.redis.EmbeddedRedis;

/**
 * The local helpers of dev mode: the embedded Redis when no Redis URL is configured, and the
 * J-LIS simulator's HTTP server. In prod the config guarantees neither is wanted, so this starts
 * nothing.
 */
public final class DevServices {
  private final EmbeddedRedis embeddedRedis;

  private DevServices(EmbeddedRedis embeddedRedis) {
    this.embeddedRedis = embeddedRedis;
  }

  /** Starts the embedded Redis if {@code config} names no Redis URL. */
  public static Future<DevServices> start(Vertx vertx, GatewayConfig config) {
    if (config.redis().externalUrl().isPresent()) {
      return Future.succeededFuture(new DevServices(null));
    }
    return EmbeddedRedis.start(vertx, config.dataDir(), config.redis().embeddedPort())
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

  /** Starts the J-LIS simulator's HTTP server; wired when jpki-sim's server exists. */
  public Future<Void> startSimulator(Vertx vertx, GatewayConfig.Simulator simulator) {
    return Future.succeededFuture();
  }

  /** Stops whatever was started; completes when the processes have exited. */
  public Future<Void> stop() {
    return embeddedRedis == null ? Future.succeededFuture() : embeddedRedis.stop();
  }
}
