package jp.jpkigate.gateway.redis;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;

/** Creates the Vert.x Redis client the gateway shares. */
public final class RedisClients {
    /** How long to wait for a TCP connection to Redis. */
    static final int CONNECT_TIMEOUT_MS = 1_000;

    private RedisClients() {
    }

    /** A pooled client for {@code url} (standalone, Sentinel or Cluster: {@link RedisTopology}); it connects lazily. */
    public static Redis create(Vertx vertx, String url) {
        RedisOptions options = RedisTopology.parse(url).applyTo(new RedisOptions())
                .setMaxPoolSize(16)
                .setMaxPoolWaiting(256)
                .setNetClientOptions(new NetClientOptions()
                        .setConnectTimeout(CONNECT_TIMEOUT_MS)
                        .setTcpKeepAlive(true)
                        .setTcpNoDelay(true));
        return Redis.createClient(vertx, options);
    }
}
