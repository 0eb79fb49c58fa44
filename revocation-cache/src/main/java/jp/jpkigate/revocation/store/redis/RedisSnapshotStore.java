package jp.jpkigate.revocation.store.redis;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import jp.jpkigate.revocation.crl.CrlSnapshot;
import jp.jpkigate.revocation.snapshot.SnapshotCodec;
import jp.jpkigate.revocation.snapshot.SnapshotFormatException;
import jp.jpkigate.revocation.store.SnapshotAnnouncement;
import jp.jpkigate.revocation.store.SnapshotStore;
import jp.jpkigate.revocation.store.VersionedSnapshot;

/**
 * {@link SnapshotStore} on Redis (layout in {@link RedisKeys}). A put streams the
 * {@link SnapshotCodec} encoding into chunk keys of the new version (Redis strings stop at 512 MB;
 * chunks default to 32 MiB), each with a PX TTL so that an interrupted put leaves nothing
 * forever; then one Lua script checks that the manifest still names the version the writer saw
 * (compare and set), persists the new chunks, switches the manifest, deletes the old version's
 * chunks and publishes the announcement, atomically. A reader reads the manifest, then the
 * chunks; if a newer put deleted them meanwhile it starts over from the manifest.
 */
public final class RedisSnapshotStore implements SnapshotStore {
    /** Default chunk size: 32 MiB. */
    public static final int DEFAULT_CHUNK_BYTES = 32 << 20;

    private static final long PENDING_CHUNK_TTL_MILLIS = 15 * 60 * 1000L;
    private static final int ATTEMPTS = 5;
    private static final String SWITCH = """
            local current = redis.call('HGET', KEYS[1], ARGV[1])
            if not current then current = '' end
            if current ~= ARGV[2] then return 0 end
            local n = tonumber(ARGV[4])
            for i = 2, n + 1 do
              if redis.call('EXISTS', KEYS[i]) == 0 then return -1 end
            end
            for i = 2, n + 1 do redis.call('PERSIST', KEYS[i]) end
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
            for i = n + 2, #KEYS do redis.call('DEL', KEYS[i]) end
            redis.call('PUBLISH', ARGV[5], ARGV[6])
            return 1
            """;

    private final Vertx vertx;
    private final Redis redis;
    private final RedisKeys keys;
    private final int chunkBytes;

    public RedisSnapshotStore(Vertx vertx, Redis redis, RedisKeys keys) {
        this(vertx, redis, keys, DEFAULT_CHUNK_BYTES);
    }

    /** @param chunkBytes bytes per chunk key, 1 KiB to 256 MiB (tests use small chunks) */
    public RedisSnapshotStore(Vertx vertx, Redis redis, RedisKeys keys, int chunkBytes) {
        if (chunkBytes < 1024 || chunkBytes > 256 << 20) {
            throw new IllegalArgumentException("chunk size must be 1 KiB to 256 MiB");
        }
        this.vertx = vertx;
        this.redis = redis;
        this.keys = keys;
        this.chunkBytes = chunkBytes;
    }

    /** What the manifest says about one source's current snapshot. */
    record Manifest(long version, int chunks, long bytes) {
        static Manifest parse(Response value) throws SnapshotFormatException {
            if (value == null) {
                return null;
            }
            String[] parts = value.toString().split(" ");
            try {
                Manifest m = new Manifest(Long.parseLong(parts[0]), Integer.parseInt(parts[1]), Long.parseLong(parts[2]));
                if (parts.length == 3 && m.version > 0 && m.chunks > 0 && m.bytes > 0) {
                    return m;
                }
            } catch (RuntimeException e) {
                // reported below
            }
            throw new SnapshotFormatException("bad snapshot manifest: " + value);
        }

        String value() {
            return version + " " + chunks + " " + bytes;
        }
    }

    @Override
    public Future<Long> nextVersion() {
        return redis.send(Request.cmd(Command.INCR).arg(keys.versionCounter())).map(Response::toLong);
    }

    @Override
    public Future<Boolean> put(String sourceId, long version, CrlSnapshot snapshot) {
        try {
            new SnapshotAnnouncement(sourceId, version);
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(e);
        }
        return manifest(sourceId).compose(current -> {
            if (current != null && current.version() >= version) {
                return Future.succeededFuture(false);
            }
            return upload(sourceId, version, snapshot)
                    .compose(uploaded -> switchTo(sourceId, uploaded, ATTEMPTS)
                            .recover(e -> deleteChunks(sourceId, uploaded).transform(x -> Future.failedFuture(e)))
                            .compose(switched -> switched ? Future.succeededFuture(true)
                                    : deleteChunks(sourceId, uploaded).map(false)));
        });
    }

    private Future<Manifest> upload(String sourceId, long version, CrlSnapshot snapshot) {
        Context context = vertx.getOrCreateContext();
        return context.executeBlocking(() -> {
            ChunkUploadStream out = new ChunkUploadStream(context, chunkBytes, (index, chunk) -> redis.send(
                    Request.cmd(Command.SET).arg(keys.chunk(sourceId, version, index)).arg(chunk)
                            .arg("PX").arg(PENDING_CHUNK_TTL_MILLIS)));
            try (out) {
                SnapshotCodec.write(snapshot, out);
            }
            return new Manifest(version, out.chunks(), out.bytes());
        }, false);
    }

    /** Compare-and-set of the manifest; retried when another writer switched in between. */
    private Future<Boolean> switchTo(String sourceId, Manifest next, int attempts) {
        return redis.send(Request.cmd(Command.HGET).arg(keys.manifests()).arg(sourceId)).compose(raw -> {
            Manifest current = parseOrNull(raw);
            if (current != null && current.version() >= next.version()) {
                return Future.succeededFuture(false);
            }
            Request eval = Request.cmd(Command.EVAL).arg(SWITCH)
                    .arg(1 + next.chunks() + (current == null ? 0 : current.chunks())).arg(keys.manifests());
            chunkKeys(sourceId, next).forEach(eval::arg);
            if (current != null) {
                chunkKeys(sourceId, current).forEach(eval::arg);
            }
            eval.arg(sourceId).arg(raw == null ? "" : raw.toString()).arg(next.value()).arg(next.chunks())
                    .arg(keys.announcements()).arg(next.version() + " " + sourceId);
            return redis.send(eval).compose(result -> {
                int code = result.toInteger();
                if (code == 1) {
                    return Future.succeededFuture(true);
                }
                if (code == -1) {
                    return Future.failedFuture(new IOException("snapshot chunks expired before the switch"));
                }
                return attempts > 1 ? switchTo(sourceId, next, attempts - 1)
                        : Future.failedFuture(new IOException("snapshot manifest kept changing"));
            });
        });
    }

    @Override
    public Future<Optional<VersionedSnapshot>> getNewerThan(String sourceId, long newerThan) {
        try {
            SnapshotAnnouncement.checkSourceId(sourceId);
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(e);
        }
        return get(sourceId, newerThan, ATTEMPTS);
    }

    private Future<Optional<VersionedSnapshot>> get(String sourceId, long newerThan, int attempts) {
        return manifest(sourceId).compose(m -> {
            if (m == null || m.version() <= newerThan) {
                return Future.succeededFuture(Optional.empty());
            }
            return download(sourceId, m)
                    .map(snapshot -> Optional.of(new VersionedSnapshot(sourceId, m.version(), snapshot)))
                    .recover(e -> e instanceof ChunkMissingException && attempts > 1
                            ? get(sourceId, newerThan, attempts - 1) : Future.failedFuture(e));
        });
    }

    private Future<CrlSnapshot> download(String sourceId, Manifest m) {
        Context context = vertx.getOrCreateContext();
        return context.executeBlocking(() -> {
            try (ChunkDownloadStream in = new ChunkDownloadStream(context, m.chunks(), index -> redis.send(
                    Request.cmd(Command.GET).arg(keys.chunk(sourceId, m.version(), index))).compose(value ->
                    value == null ? Future.failedFuture(new ChunkMissingException()) : Future.succeededFuture(
                            value.toBuffer())))) {
                return SnapshotCodec.read(in, m.bytes());
            }
        }, false);
    }

    @Override
    public Future<Map<String, Long>> versions() {
        return redis.send(Request.cmd(Command.HGETALL).arg(keys.manifests())).compose(response -> {
            Map<String, Long> versions = new TreeMap<>();
            try {
                for (Map.Entry<String, Response> e : RedisResponses.fields(response).entrySet()) {
                    versions.put(e.getKey(), Manifest.parse(e.getValue()).version());
                }
            } catch (SnapshotFormatException e) {
                return Future.failedFuture(e);
            }
            return Future.succeededFuture(versions);
        });
    }

    private Future<Manifest> manifest(String sourceId) {
        return redis.send(Request.cmd(Command.HGET).arg(keys.manifests()).arg(sourceId)).compose(raw -> {
            try {
                return Future.succeededFuture(Manifest.parse(raw));
            } catch (SnapshotFormatException e) {
                return Future.failedFuture(e);
            }
        });
    }

    private static Manifest parseOrNull(Response raw) {
        try {
            return Manifest.parse(raw);
        } catch (SnapshotFormatException e) {
            return null; // a broken manifest is replaced (its chunks are left to the operator)
        }
    }

    private List<String> chunkKeys(String sourceId, Manifest m) {
        List<String> list = new ArrayList<>(m.chunks());
        for (int i = 0; i < m.chunks(); i++) {
            list.add(keys.chunk(sourceId, m.version(), i));
        }
        return list;
    }

    private Future<Void> deleteChunks(String sourceId, Manifest m) {
        Request del = Request.cmd(Command.DEL);
        chunkKeys(sourceId, m).forEach(del::arg);
        return m.chunks() == 0 ? Future.succeededFuture() : redis.send(del).mapEmpty();
    }

    /** A chunk named by the manifest is gone: a newer put switched in between; read again. */
    static final class ChunkMissingException extends IOException {
        private static final long serialVersionUID = 1L;

        ChunkMissingException() {
            super("snapshot chunk missing (replaced by a newer version)");
        }
    }
}
