package jp.jpkigate.consent.store.redis;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import jp.jpkigate.idp.store.StoreUnavailableException;

/**
 * A Redis client whose durable writes ({@link #sendDurably}) are acknowledged only once {@code replicas}
 * replicas have them ({@code WAIT}): with asynchronous replication a failover may otherwise lose the last
 * writes a master acknowledged. The consent records, their indexes, the change log and the audit chain
 * write through it; everything else passes straight to the wrapped client.
 *
 * <p>{@code WAIT} counts the writes of its own connection, so the write and its {@code WAIT} share one: a
 * {@code WATCH} on the written key first pins the connection to the key's node (the Vert.x Cluster client
 * binds a connection to the node of a watched key when cluster transactions are {@code SINGLE_NODE}; on one
 * Redis or Sentinel it changes nothing), and {@code UNWATCH} ends it. A write the replicas do not confirm
 * within the timeout fails with {@link NotReplicatedException}: it may still be on the master, but it was
 * never acknowledged, and the caller's retry is idempotent.
 */
public final class ReplicaAckedRedis implements Redis {
    private final Redis redis;
    private final int replicas;
    private final Duration timeout;

    /** Thrown (as the failure) when fewer than the required replicas confirmed a write in time. */
    public static final class NotReplicatedException extends StoreUnavailableException {
        NotReplicatedException(long acknowledged, int required) {
            super("the write reached " + acknowledged + " of " + required + " required replicas in time");
        }
    }

    private ReplicaAckedRedis(Redis redis, int replicas, Duration timeout) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.replicas = replicas;
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /**
     * {@code redis} with durable writes waiting for {@code replicas} replicas (at most {@code timeout}); with
     * 0 replicas {@code redis} itself (a durable write is a plain one).
     */
    public static Redis wrap(Redis redis, int replicas, Duration timeout) {
        if (replicas < 0 || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("replicas must be at least 0 and the timeout positive");
        }
        return replicas == 0 ? redis : new ReplicaAckedRedis(redis, replicas, timeout);
    }

    /**
     * Sends {@code write}, whose keys all hash to {@code key}'s slot, and answers its reply once it is
     * replicated as {@code redis} requires ({@link #wrap}); a plain {@code send} on any other client.
     */
    public static Future<Response> sendDurably(Redis redis, String key, Request write) {
        return redis instanceof ReplicaAckedRedis acked ? acked.replicated(key, write) : redis.send(write);
    }

    private Future<Response> replicated(String key, Request write) {
        return redis.connect().compose(connection -> connection.send(Request.cmd(Command.WATCH, key))
                .compose(watching -> connection.send(write))
                .compose(reply -> connection.send(Request.cmd(Command.WAIT, replicas, timeout.toMillis()))
                        .compose(acks -> acks.toLong() >= replicas ? Future.succeededFuture(reply)
                                : Future.<Response>failedFuture(new NotReplicatedException(acks.toLong(), replicas))))
                .eventually(() -> release(connection)));
    }

    private static Future<Void> release(RedisConnection connection) {
        return connection.send(Request.cmd(Command.UNWATCH)).<Void>mapEmpty()
                .eventually(connection::close).recover(ignored -> Future.succeededFuture());
    }

    @Override
    public Future<RedisConnection> connect() {
        return redis.connect();
    }

    @Override
    public Future<Void> close() {
        return redis.close();
    }

    @Override
    public Future<Response> send(Request request) {
        return redis.send(request);
    }

    @Override
    public Future<List<Response>> batch(List<Request> requests) {
        return redis.batch(requests);
    }
}
