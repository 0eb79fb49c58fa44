package jp.jpkigate.feed.detect.redis;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.feed.detect.CertificateRef;
import jp.jpkigate.feed.detect.WatchList;

/**
 * {@link WatchList} on Redis ({@link DetectKeys}): each consent's entry is a hash changed only by Lua scripts
 * on that one key; the certificate index and the list of watched consents are written around them in an
 * order that leaves, after a crash, at most a stale index line (filtered on read) or a missing one that
 * repeating the step repairs.
 */
public final class RedisWatchList implements WatchList {
    private static final String FIELDS = "return redis.call('HGETALL', KEYS[1])";
    /** KEYS[1] entry; ARGV client, anchor, serial. */
    private static final String WATCH = "if redis.call('EXISTS', KEYS[1]) == 0 then "
            + "redis.call('HSET', KEYS[1], 'client', ARGV[1], 'anchor', ARGV[2], 'serial', ARGV[3], 'state', 'WATCHING') end "
            + FIELDS;
    /** KEYS[1] entry; ARGV from anchor, from serial, to anchor, to serial. */
    private static final String MOVE = "if redis.call('HGET', KEYS[1], 'state') ~= 'WATCHING' "
            + "or redis.call('HGET', KEYS[1], 'anchor') ~= ARGV[1] or redis.call('HGET', KEYS[1], 'serial') ~= ARGV[2] "
            + "then return 0 end redis.call('HSET', KEYS[1], 'anchor', ARGV[3], 'serial', ARGV[4]) return 1";
    /** KEYS[1] entry; ARGV client. */
    private static final String END = "local state = redis.call('HGET', KEYS[1], 'state') "
            + "if state ~= 'ENDED' then redis.call('HSET', KEYS[1], 'state', 'ENDING') end "
            + "if not state then redis.call('HSET', KEYS[1], 'client', ARGV[1]) end " + FIELDS;
    /** KEYS[1] entry; ARGV jti, jwe. */
    private static final String SAVE_NOTICE = "if redis.call('HGET', KEYS[1], 'state') ~= 'ENDING' "
            + "or redis.call('HEXISTS', KEYS[1], 'jti') == 1 then return 0 end "
            + "redis.call('HSET', KEYS[1], 'jti', ARGV[1], 'jwe', ARGV[2]) return 1";
    /** KEYS[1] entry; ARGV retention ms. */
    private static final String ENDED = "if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end "
            + "redis.call('HSET', KEYS[1], 'state', 'ENDED') redis.call('HDEL', KEYS[1], 'jwe') "
            + "redis.call('PEXPIRE', KEYS[1], ARGV[1]) return 1";
    /** KEYS[1] entry. */
    private static final String UNWATCH = "if redis.call('HGET', KEYS[1], 'state') ~= 'WATCHING' then return {} end "
            + "local fields = redis.call('HGETALL', KEYS[1]) redis.call('DEL', KEYS[1]) return fields";

    private final Redis redis;
    private final Duration retention;

    /** @param retention how long an ended consent's tombstone is kept (longer than a change log replay could reach back) */
    public RedisWatchList(Redis redis, Duration retention) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.retention = Objects.requireNonNull(retention, "retention");
        if (retention.toMillis() < 1) {
            throw new IllegalArgumentException("retention must be positive");
        }
    }

    @Override
    public Future<Watch> watch(String consentId, String clientId, CertificateRef certificate) {
        return eval(WATCH, DetectKeys.watch(consentId), clientId, certificate.anchorId(), certificate.serial().toString(16))
                .compose(r -> {
                    Watch watch = parse(consentId, r).orElseThrow();
                    if (watch.state() != State.WATCHING) {
                        return Future.succeededFuture(watch);
                    }
                    CertificateRef followed = watch.certificate().orElseThrow();
                    return sendAll(List.of(Request.cmd(Command.SADD, DetectKeys.certificate(followed), consentId),
                            Request.cmd(Command.ZADD, DetectKeys.watched(), 0, consentId))).map(watch);
                });
    }

    @Override
    public Future<Optional<Watch>> find(String consentId) {
        return eval(FIELDS, DetectKeys.watch(consentId)).map(r -> parse(consentId, r));
    }

    @Override
    public Future<List<String>> watchers(CertificateRef certificate) {
        return redis.send(Request.cmd(Command.SMEMBERS, DetectKeys.certificate(certificate))).compose(members -> {
            List<String> ids = new ArrayList<>();
            if (members != null) {
                members.forEach(m -> ids.add(m.toString()));
            }
            if (ids.isEmpty()) {
                return Future.succeededFuture(List.<String>of());
            }
            List<Request> reads = ids.stream().map(id -> Request.cmd(Command.EVAL, FIELDS, 1, DetectKeys.watch(id))).toList();
            return sendAll(reads).map(entries -> {
                List<String> following = new ArrayList<>();
                for (int i = 0; i < ids.size(); i++) {
                    if (parse(ids.get(i), entries.get(i)).filter(w -> w.follows(certificate)).isPresent()) {
                        following.add(ids.get(i));
                    }
                }
                return following;
            });
        });
    }

    @Override
    public Future<Boolean> move(String consentId, CertificateRef from, CertificateRef to) {
        return redis.send(Request.cmd(Command.SADD, DetectKeys.certificate(to), consentId))
                .compose(v -> eval(MOVE, DetectKeys.watch(consentId), from.anchorId(), from.serial().toString(16),
                        to.anchorId(), to.serial().toString(16)))
                .compose(r -> r.toInteger() == 1 && !from.equals(to)
                        ? redis.send(Request.cmd(Command.SREM, DetectKeys.certificate(from), consentId)).map(true)
                        : Future.succeededFuture(r.toInteger() == 1));
    }

    @Override
    public Future<Watch> end(String consentId, String clientId) {
        return eval(END, DetectKeys.watch(consentId), clientId).compose(r -> {
            Watch watch = parse(consentId, r).orElseThrow();
            return forget(consentId, watch.certificate()).map(watch);
        });
    }

    @Override
    public Future<Boolean> saveNotice(String consentId, Notice notice) {
        return eval(SAVE_NOTICE, DetectKeys.watch(consentId), notice.jti(), notice.jwe()).map(r -> r.toInteger() == 1);
    }

    @Override
    public Future<Void> ended(String consentId) {
        return eval(ENDED, DetectKeys.watch(consentId), retention.toMillis()).mapEmpty();
    }

    @Override
    public Future<Void> unwatch(String consentId) {
        return eval(UNWATCH, DetectKeys.watch(consentId))
                .compose(r -> forget(consentId, parse(consentId, r).flatMap(Watch::certificate)));
    }

    @Override
    public Future<Page> page(String after, int limit) {
        String start = after.isEmpty() ? "-" : "(" + after;
        return redis.send(Request.cmd(Command.ZRANGEBYLEX, DetectKeys.watched(), start, "+", "LIMIT", 0, limit)).map(r -> {
            List<String> ids = new ArrayList<>();
            if (r != null) {
                r.forEach(id -> ids.add(id.toString()));
            }
            return new Page(ids, ids.isEmpty() ? after : ids.get(ids.size() - 1));
        });
    }

    /** Out of the certificate's index and the watched list. */
    private Future<Void> forget(String consentId, Optional<CertificateRef> certificate) {
        List<Request> requests = new ArrayList<>();
        certificate.ifPresent(c -> requests.add(Request.cmd(Command.SREM, DetectKeys.certificate(c), consentId)));
        requests.add(Request.cmd(Command.ZREM, DetectKeys.watched(), consentId));
        return sendAll(requests).mapEmpty();
    }

    /**
     * Sends the requests together (the client pipelines them), each on its own: their keys are in different hash
     * slots (a consent's entry, a certificate's index, the watched list), which one batch could not span on Redis
     * Cluster. The replies in the requests' order.
     */
    private Future<List<Response>> sendAll(List<Request> requests) {
        List<Future<Response>> sent = requests.stream().map(redis::send).toList();
        return Future.all(sent).map(v -> sent.stream().map(Future::result).toList());
    }

    private Future<Response> eval(String script, String key, Object... args) {
        Object[] all = new Object[args.length + 3];
        all[0] = script;
        all[1] = 1;
        all[2] = key;
        System.arraycopy(args, 0, all, 3, args.length);
        return redis.send(Request.cmd(Command.EVAL, all));
    }

    /** An entry from its HGETALL fields (a flat list); empty when there is none. */
    private static Optional<Watch> parse(String consentId, Response fields) {
        if (fields == null || fields.size() == 0) {
            return Optional.empty();
        }
        Map<String, String> f = new HashMap<>();
        for (int i = 0; i + 1 < fields.size(); i += 2) {
            f.put(fields.get(i).toString(), fields.get(i + 1).toString());
        }
        Optional<CertificateRef> certificate = f.containsKey("anchor")
                ? Optional.of(new CertificateRef(f.get("anchor"), DetectKeys.serial(f.get("serial")))) : Optional.empty();
        Optional<Notice> notice = f.containsKey("jti") && f.containsKey("jwe")
                ? Optional.of(new Notice(f.get("jti"), f.get("jwe"))) : Optional.empty();
        return Optional.of(new Watch(consentId, f.getOrDefault("client", ""), certificate, State.valueOf(f.get("state")), notice));
    }
}
