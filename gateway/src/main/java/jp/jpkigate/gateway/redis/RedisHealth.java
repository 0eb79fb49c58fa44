package jp.jpkigate.gateway.redis;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Answers whether Redis is reachable, by sending {@code PING} with a deadline. */
public final class RedisHealth {
    private final Redis redis;
    private final Duration timeout;

    /** Checks {@code redis}, giving up after {@code timeout}. */
    public RedisHealth(Redis redis, Duration timeout) {
        this.redis = redis;
        this.timeout = timeout;
    }

    /** Completes with {@code true} on {@code PONG}; with {@code false} on any error or timeout, never fails. */
    public Future<Boolean> isUp() {
        return redis.send(Request.cmd(Command.PING))
                .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .map(response -> response != null && "PONG".equals(response.toString()))
                .otherwise(false);
    }
}
