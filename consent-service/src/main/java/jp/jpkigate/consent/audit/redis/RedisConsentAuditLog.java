package jp.jpkigate.consent.audit.redis;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import jp.jpkigate.consent.audit.AuditChain;
import jp.jpkigate.consent.audit.AuditEntry;
import jp.jpkigate.consent.audit.AuditHead;
import jp.jpkigate.consent.audit.ConsentAuditEvent;
import jp.jpkigate.consent.audit.ConsentAuditLog;
import jp.jpkigate.consent.audit.CorruptAuditLogException;
import jp.jpkigate.consent.store.redis.ReplicaAckedRedis;

/**
 * {@link ConsentAuditLog} on Redis, never trimmed and never expiring:
 * <pre>
 * {jpki:consent}:audit        stream  entry n under id 0-n, fields seq, prev, event, hash ({@link AuditStreamEntry})
 * {jpki:consent}:audit:head   hash    seq, hash of the last entry; absent while the log is empty
 * {jpki:consent}:audit:contended  string  "1" while a replica lost a race and waits to retry (PX 1 s)
 * </pre>
 * The keys share the hash tag, so the append script runs on a single Redis, Sentinel or Cluster.
 *
 * <p><b>Appending</b> computes the entries (and their hashes) in Java after the head it believes
 * in, then runs a script that appends them only if the head is still that one, and moves the head
 * in the same step; otherwise the script answers the real head and the entries are computed again
 * after it. So with any number of replicas the chain never forks. Within one instance one write is
 * in flight at a time and the events that arrive meanwhile go together in the next one (group
 * commit, at most {@value #MAX_BATCH} a write), so only other replicas compete. An instance
 * remembers the head it last wrote or saw, so an uncontended write is one round trip.
 *
 * <p><b>Fairness.</b> Plain compare-and-set favours the last winner: it learns the new head first
 * (from its own success) and its next write reaches Redis before a loser's retry, so a replica
 * appending back to back would starve the others. Hence a loser marks the log contended
 * ({@value #CONTENDED}, a short-lived key), and a winner that finds the mark clears it and waits
 * 1 to {@value #YIELD_MAX_MS} ms before its next write, while the losers retry at once with the
 * head they were just told. A write still gives up after {@value #MAX_ATTEMPTS} lost attempts,
 * failing its events.
 *
 * <p>The futures succeed once Redis answered the script: with AOF {@code appendfsync always} (the
 * production setting) the entries are then on disk.
 */
public final class RedisConsentAuditLog implements ConsentAuditLog {
    /** The stream of entries. */
    public static final String STREAM = "{jpki:consent}:audit";
    /** The head: seq and hash of the last entry. */
    public static final String HEAD = "{jpki:consent}:audit:head";
    /** Attempts per write before it fails (each lost attempt means another replica appended). */
    public static final int MAX_ATTEMPTS = 64;
    /** Most entries one write (one script run) appends. */
    public static final int MAX_BATCH = 100;
    /** Set by a write that lost, cleared by the next winner, which then yields. */
    public static final String CONTENDED = "{jpki:consent}:audit:contended";
    /** The longest a winner waits before its next write when others wait. */
    public static final int YIELD_MAX_MS = 4;

    /**
     * Compare-and-append. KEYS stream, head, contended; ARGV expected head seq, expected head hash,
     * then per entry its seq, event and hash. Answers OK or YIELD (written; others wait), or the
     * actual head as {seq, hash} (not written). Seqs come as text (no Lua number formatting). The
     * first XADD fails (and nothing is written) if its id is not above the stream's last one.
     */
    private static final String APPEND = "local head = redis.call('HMGET', KEYS[2], 'seq', 'hash') "
            + "local seq = head[1] or '0' "
            + "local prev = head[2] or '" + AuditChain.GENESIS + "' "
            + "if seq ~= ARGV[1] or prev ~= ARGV[2] then "
            + "  redis.call('SET', KEYS[3], '1', 'PX', 1000) "
            + "  return {seq, prev} "
            + "end "
            + "for i = 3, #ARGV, 3 do "
            + "  seq = ARGV[i] "
            + "  redis.call('XADD', KEYS[1], '0-' .. seq, 'seq', seq, 'prev', prev, 'event', ARGV[i + 1], 'hash', ARGV[i + 2]) "
            + "  prev = ARGV[i + 2] "
            + "end "
            + "redis.call('HSET', KEYS[2], 'seq', seq, 'hash', prev) "
            + "if redis.call('DEL', KEYS[3]) == 1 then return redis.status_reply('YIELD') end "
            + "return redis.status_reply('OK')";

    private final Vertx vertx;
    private final Redis redis;
    private final Object lock = new Object();
    /** Events waiting for the next write; guarded by {@link #lock}. */
    private final List<Pending> pending = new ArrayList<>();
    /** Whether a write is in flight; guarded by {@link #lock}. */
    private boolean writing;
    /** The head this instance last wrote or saw; only the one write in flight touches it. */
    private volatile AuditHead knownHead = AuditHead.EMPTY;

    private record Pending(ConsentAuditEvent event, Promise<AuditEntry> appended) {
    }

    /** A log on {@code redis}; {@code vertx} runs the timers of a yielding winner. */
    public RedisConsentAuditLog(Vertx vertx, Redis redis) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.redis = Objects.requireNonNull(redis, "redis");
    }

    @Override
    public Future<AuditEntry> append(ConsentAuditEvent event) {
        Pending appending = new Pending(Objects.requireNonNull(event, "event"), Promise.promise());
        boolean start;
        synchronized (lock) {
            pending.add(appending);
            start = !writing;
            writing = true;
        }
        if (start) {
            writeNext();
        }
        return appending.appended().future();
    }

    /** Writes what is pending, then again until nothing is. */
    private void writeNext() {
        List<Pending> batch;
        synchronized (lock) {
            if (pending.isEmpty()) {
                writing = false;
                return;
            }
            List<Pending> taken = pending.subList(0, Math.min(MAX_BATCH, pending.size()));
            batch = List.copyOf(taken);
            taken.clear();
        }
        // Through compose, so that even a synchronous throw completes the batch and the next write runs.
        Future.succeededFuture().compose(nothing -> write(batch, knownHead, 1)).onComplete(written -> {
            for (int i = 0; i < batch.size(); i++) {
                if (written.succeeded()) {
                    batch.get(i).appended().complete(written.result().entries().get(i));
                } else {
                    batch.get(i).appended().fail(written.cause());
                }
            }
            if (written.succeeded() && written.result().othersWait()) {
                vertx.setTimer(ThreadLocalRandom.current().nextInt(1, YIELD_MAX_MS + 1), timer -> writeNext());
            } else {
                writeNext();
            }
        });
    }

    /** The entries one write appended, and whether other replicas were waiting to write. */
    private record Written(List<AuditEntry> entries, boolean othersWait) {
    }

    private Future<Written> write(List<Pending> batch, AuditHead head, int attempt) {
        List<AuditEntry> entries = new ArrayList<>();
        List<Object> args = new ArrayList<>(List.of(APPEND, 3, STREAM, HEAD, CONTENDED, head.seq(), head.hash()));
        AuditHead last = head;
        for (Pending item : batch) {
            AuditEntry entry = AuditChain.next(last, item.event());
            entries.add(entry);
            args.addAll(List.of(entry.seq(), entry.eventJson(), entry.hash()));
            last = AuditHead.of(entry);
        }
        AuditHead written = last;
        return ReplicaAckedRedis.sendDurably(redis, HEAD, Request.cmd(Command.EVAL, args.toArray())).compose(reply -> {
            if (reply.type() != ResponseType.MULTI) {
                knownHead = written;
                return Future.succeededFuture(new Written(entries, reply.toString().equals("YIELD")));
            }
            AuditHead actual = head(reply.get(0), reply.get(1));
            knownHead = actual;
            if (attempt >= MAX_ATTEMPTS) {
                return Future.failedFuture(new IllegalStateException(
                        "the consent audit head moved on " + attempt + " attempts in a row; not appended"));
            }
            return write(batch, actual, attempt + 1);
        });
    }

    @Override
    public Future<List<AuditEntry>> read(long fromSeq, int limit) {
        if (fromSeq < 1 || limit < 1) {
            return Future.failedFuture(new IllegalArgumentException("fromSeq and limit start at 1"));
        }
        return redis.send(Request.cmd(Command.XRANGE, STREAM, AuditStreamEntry.streamId(fromSeq), "+", "COUNT", limit))
                .compose(reply -> {
                    List<AuditEntry> entries = new ArrayList<>();
                    for (int i = 0; reply != null && i < reply.size(); i++) {
                        Response item = reply.get(i);
                        entries.add(AuditStreamEntry.decode(fromSeq + i, item.get(0).toString(), fields(item.get(1))));
                    }
                    return Future.succeededFuture(entries);
                });
    }

    @Override
    public Future<AuditHead> head() {
        return redis.send(Request.cmd(Command.HMGET, HEAD, AuditStreamEntry.SEQ, AuditStreamEntry.HASH))
                .map(reply -> reply.get(0) == null && reply.get(1) == null ? AuditHead.EMPTY : head(reply.get(0), reply.get(1)));
    }

    private static AuditHead head(Response seq, Response hash) {
        try {
            return new AuditHead(Long.parseLong(Objects.requireNonNull(seq, "seq").toString()),
                    Objects.requireNonNull(hash, "hash").toString());
        } catch (RuntimeException e) {
            throw new CorruptAuditLogException(0, "seq and hash must be a number and 64 hex digits");
        }
    }

    /** A stream entry's fields, as RESP2 (a flat list) or RESP3 (a map) gives them; a repeated name is corrupt. */
    private static Map<String, String> fields(Response fields) {
        Map<String, String> out = new LinkedHashMap<>();
        if (fields.isMap()) {
            fields.getKeys().forEach(name -> out.put(name, fields.get(name).toString()));
            return out;
        }
        for (int i = 0; i + 1 < fields.size(); i += 2) {
            String name = fields.get(i).toString();
            if (out.put(name, fields.get(i + 1).toString()) != null) {
                out.put(name, null);
            }
        }
        return out;
    }
}
