package jp.jpkigate.feed.detect.redis;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import jp.jpkigate.feed.detect.RevocationEntry;
import jp.jpkigate.feed.detect.RevocationFeed;
import jp.jpkigate.revocation.store.StreamedChange;
import jp.jpkigate.revocation.store.redis.RedisKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link RevocationFeed} on the revocation cache's Redis stream ({@link RedisKeys#changes()}) with the consumer
 * group {@value #GROUP}, created at the stream's first entry (nothing kept is missed). {@link #next} first takes
 * over every entry read and not acknowledged ({@code XAUTOCLAIM} with no idle minimum: the caller runs under a
 * lease, one consumer at a time, so whatever is pending was left by a consumer that crashed or lost the lease),
 * then reads new ones ({@code XREADGROUP >}). Both run as scripts so the replies are plain arrays whatever the
 * protocol version. Entries trimmed away meanwhile, and entries that cannot be read, are acknowledged at once.
 */
public final class RedisRevocationFeed implements RevocationFeed {
    public static final String GROUP = "four-info-feed";
    private static final Logger LOG = LoggerFactory.getLogger(RedisRevocationFeed.class);
    /** KEYS stream; ARGV group, consumer, count. */
    private static final String PENDING = "return redis.call('XAUTOCLAIM', KEYS[1], ARGV[1], ARGV[2], 0, '0-0', 'COUNT', ARGV[3])[2]";
    /** KEYS stream; ARGV group, consumer, count. */
    private static final String NEW = "local r = redis.call('XREADGROUP', 'GROUP', ARGV[1], ARGV[2], 'COUNT', ARGV[3], "
            + "'STREAMS', KEYS[1], '>') if not r then return {} end return r[1][2]";

    private final Redis redis;
    private final String stream;
    private final String consumer;
    private boolean groupReady;

    /** @param consumer this replica's consumer name (its lease holder id) */
    public RedisRevocationFeed(Redis redis, RedisKeys revocationKeys, String consumer) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.stream = revocationKeys.changes();
        this.consumer = Objects.requireNonNull(consumer, "consumer");
    }

    @Override
    public Future<List<StreamedChange>> next(int max) {
        return group().compose(v -> read(PENDING, max)).compose(pending -> pending.isEmpty() ? read(NEW, max)
                : Future.succeededFuture(pending));
    }

    @Override
    public Future<Void> ack(List<String> ids) {
        if (ids.isEmpty()) {
            return Future.succeededFuture();
        }
        List<Object> args = new ArrayList<>(List.of(stream, GROUP));
        args.addAll(ids);
        return redis.send(Request.cmd(Command.XACK, args.toArray())).mapEmpty();
    }

    private Future<Void> group() {
        if (groupReady) {
            return Future.succeededFuture();
        }
        return redis.send(Request.cmd(Command.XGROUP, "CREATE", stream, GROUP, "0", "MKSTREAM")).<Void>transform(ar -> {
            if (ar.failed() && !String.valueOf(ar.cause().getMessage()).contains("BUSYGROUP")) {
                return Future.failedFuture(ar.cause());
            }
            groupReady = true;
            return Future.succeededFuture();
        });
    }

    private Future<List<StreamedChange>> read(String script, int max) {
        return redis.send(Request.cmd(Command.EVAL, script, 1, stream, GROUP, consumer, max)).compose(r -> {
            List<StreamedChange> changes = new ArrayList<>();
            List<String> unreadable = new ArrayList<>();
            for (int i = 0; r != null && i < r.size(); i++) {
                Response entry = r.get(i);
                String id = entry.get(0).toString();
                try {
                    changes.add(new StreamedChange(id, RevocationEntry.parse(fields(entry.size() > 1 ? entry.get(1) : null))));
                } catch (IllegalArgumentException e) {
                    LOG.error("revocation stream entry {} cannot be read or is gone: acknowledged and skipped", id);
                    unreadable.add(id);
                }
            }
            return ack(unreadable).map(changes);
        });
    }

    private static Map<String, String> fields(Response flat) {
        Map<String, String> out = new HashMap<>();
        if (flat == null) {
            throw new IllegalArgumentException("entry trimmed");
        }
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            out.put(flat.get(i).toString(), flat.get(i + 1).toString());
        }
        return out;
    }
}
