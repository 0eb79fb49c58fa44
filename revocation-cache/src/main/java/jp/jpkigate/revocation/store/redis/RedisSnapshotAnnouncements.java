package jp.jpkigate.revocation.store.redis;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.Objects;
import jp.jpkigate.revocation.store.SnapshotAnnouncement;
import jp.jpkigate.revocation.store.SnapshotAnnouncements;
import jp.jpkigate.revocation.store.SnapshotStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SnapshotAnnouncements} on Redis pub/sub: messages {@code "version sourceId"} on the
 * channel {@link RedisKeys#announcements()} (also published by {@link RedisSnapshotStore}'s
 * switch script). The subscription holds a dedicated connection from the {@link Redis} client;
 * when it ends or fails, it reconnects with exponential backoff (100 ms doubling to 10 s) and
 * replays {@link SnapshotStore#versions()} after each subscribe, so a gap loses nothing.
 */
public final class RedisSnapshotAnnouncements implements SnapshotAnnouncements {
    private static final Logger LOG = LoggerFactory.getLogger(RedisSnapshotAnnouncements.class);
    private static final long FIRST_BACKOFF_MILLIS = 100;
    private static final long MAX_BACKOFF_MILLIS = 10_000;

    private final Vertx vertx;
    private final Redis redis;
    private final RedisKeys keys;
    private final SnapshotStore store;
    private Handler<SnapshotAnnouncement> handler;
    private RedisConnection connection;
    private long backoff = FIRST_BACKOFF_MILLIS;
    private long timerId = -1;
    private boolean closed;

    public RedisSnapshotAnnouncements(Vertx vertx, Redis redis, RedisKeys keys, SnapshotStore store) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.redis = Objects.requireNonNull(redis, "redis");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public Future<Void> publish(String sourceId, long version) {
        try {
            new SnapshotAnnouncement(sourceId, version);
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(e);
        }
        return redis.send(Request.cmd(Command.PUBLISH).arg(keys.announcements()).arg(version + " " + sourceId))
                .mapEmpty();
    }

    @Override
    public Future<Void> subscribe(Handler<SnapshotAnnouncement> announcementHandler) {
        if (handler != null || closed) {
            return Future.failedFuture(new IllegalStateException("already subscribed or closed"));
        }
        handler = Objects.requireNonNull(announcementHandler, "handler");
        return connect();
    }

    @Override
    public Future<Void> close() {
        closed = true;
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
        RedisConnection c = connection;
        connection = null;
        return c == null ? Future.succeededFuture() : c.close();
    }

    private Future<Void> connect() {
        return redis.connect().compose(c -> {
            if (closed) {
                return c.close();
            }
            c.handler(this::onMessage);
            c.exceptionHandler(e -> lost(c, e.toString()));
            c.endHandler(v -> lost(c, "connection closed"));
            connection = c;
            return c.send(Request.cmd(Command.SUBSCRIBE).arg(keys.announcements()))
                    .compose(ok -> store.versions())
                    .map(versions -> {
                        backoff = FIRST_BACKOFF_MILLIS;
                        versions.forEach(this::deliver);
                        return (Void) null;
                    })
                    .onFailure(e -> {
                        if (connection == c) {
                            connection = null; // so its end does not schedule a second reconnect
                        }
                        c.close();
                    });
        });
    }

    private void lost(RedisConnection c, String why) {
        if (closed || c != connection) {
            return;
        }
        connection = null;
        LOG.warn("snapshot announcement subscription lost ({}), reconnecting", why);
        scheduleReconnect();
    }

    private void scheduleReconnect() {
        long delay = backoff;
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
        timerId = vertx.setTimer(delay, id -> {
            timerId = -1;
            if (!closed) {
                connect().onSuccess(v -> LOG.info("snapshot announcement subscription restored"))
                        .onFailure(e -> {
                            if (!closed) {
                                scheduleReconnect();
                            }
                        });
            }
        });
    }

    private void onMessage(Response message) {
        // RESP3 push or RESP2 array: ["message", channel, payload]; other pushes are confirmations
        if (message == null || message.size() != 3 || !"message".equals(message.get(0).toString())) {
            return;
        }
        String payload = message.get(2).toString();
        int space = payload.indexOf(' ');
        try {
            deliver(payload.substring(space + 1), Long.parseLong(payload.substring(0, space)));
        } catch (RuntimeException e) {
            LOG.warn("ignoring malformed snapshot announcement {}", payload);
        }
    }

    private void deliver(String sourceId, long version) {
        handler.handle(new SnapshotAnnouncement(sourceId, version));
    }
}
