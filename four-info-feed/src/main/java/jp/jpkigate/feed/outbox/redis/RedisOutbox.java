package jp.jpkigate.feed.outbox.redis;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import jp.jpkigate.feed.outbox.Claim;
import jp.jpkigate.feed.outbox.ClaimedEvent;
import jp.jpkigate.feed.outbox.DeadLetter;
import jp.jpkigate.feed.outbox.Outbox;
import jp.jpkigate.feed.outbox.OutboxEvent;
import jp.jpkigate.feed.outbox.SetError;
import jp.jpkigate.feed.outbox.Settlement;
import jp.jpkigate.revocation.store.redis.RedisKeys;

/**
 * {@link Outbox} on Redis: per business one stream with a consumer group for the ready events, a
 * list per consent that gates them (only a consent's head is in the stream), a retry schedule and
 * a dead-letter stream; every state change is one Lua script ({@link OutboxScripts}) on the
 * business's slot ({@link OutboxKeys}), sent by SHA and pipelined where there are many.
 * Durability is Redis's: run it with AOF and {@code appendfsync always}, and a completed future
 * means the change is on disk.
 */
public final class RedisOutbox implements Outbox {
    /** Default time a jti is remembered for idempotent enqueue. */
    public static final Duration DEFAULT_DEDUPE_WINDOW = Duration.ofDays(1);
    /** Most events one claim hands out (a Lua stack bound). */
    public static final int MAX_CLAIM = 1000;

    private final Redis redis;
    private final Clock clock;
    private final Duration dedupeWindow;
    /** Businesses this process has registered in {@link OutboxKeys#BUSINESSES} (one SADD each). */
    private final Set<String> registered = ConcurrentHashMap.newKeySet();

    public RedisOutbox(Redis redis, Clock clock) {
        this(redis, clock, DEFAULT_DEDUPE_WINDOW);
    }

    /** @param dedupeWindow how long an enqueued jti is refused again; longer than any producer retry */
    public RedisOutbox(Redis redis, Clock clock, Duration dedupeWindow) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.dedupeWindow = Objects.requireNonNull(dedupeWindow, "dedupeWindow");
        if (dedupeWindow.toMillis() < 1) {
            throw new IllegalArgumentException("the dedupe window must be positive");
        }
    }

    /** The hash-tagged key layout for a business's push lease ({@code RedisLeaderLease}), in its slot. */
    public static RedisKeys leaseKeys(String clientId) {
        return OutboxKeys.of(clientId).leaseKeys();
    }

    @Override
    public Future<Boolean> enqueue(OutboxEvent event) {
        return enqueueAll(List.of(event)).map(answers -> answers.get(0));
    }

    @Override
    public Future<List<Boolean>> enqueueAll(List<OutboxEvent> events) {
        Map<String, List<Integer>> positions = new LinkedHashMap<>();
        for (int i = 0; i < events.size(); i++) {
            positions.computeIfAbsent(events.get(i).clientId(), c -> new ArrayList<>()).add(i);
        }
        Boolean[] answers = new Boolean[events.size()];
        List<Future<Void>> batches = new ArrayList<>();
        positions.forEach((clientId, indexes) -> {
            OutboxKeys keys = OutboxKeys.of(clientId);
            List<LuaScript.Call> calls = indexes.stream().map(events::get).map(e -> OutboxScripts.ENQUEUE.call(keys.stream(),
                    keys.prefix(), e.jti(), e.consentId(), e.createdAt().toEpochMilli(), e.jwe(), dedupeWindow.toMillis()))
                    .toList();
            batches.add(register(clientId).compose(v -> LuaScript.batch(redis, calls)).map(replies -> {
                for (int i = 0; i < indexes.size(); i++) {
                    answers[indexes.get(i)] = replies.get(i).toInteger() == 1;
                }
                return null;
            }));
        });
        return Future.all(batches).map(v -> List.of(answers));
    }

    private Future<Void> register(String clientId) {
        if (registered.contains(clientId)) {
            return Future.succeededFuture();
        }
        return redis.send(Request.cmd(Command.SADD).arg(OutboxKeys.BUSINESSES).arg(clientId))
                .map(r -> {
                    registered.add(clientId);
                    return null;
                });
    }

    @Override
    public Future<Claim> claim(String clientId, String consumer, int max, Duration inFlight) {
        OutboxEvent.checkId("consumer", consumer);
        if (max < 1 || max > MAX_CLAIM || inFlight.toMillis() < 1) {
            return Future.failedFuture(new IllegalArgumentException("claim 1 to " + MAX_CLAIM + " events for a positive time"));
        }
        OutboxKeys keys = OutboxKeys.of(clientId);
        long now = clock.millis();
        return LuaScript.send(redis, OutboxScripts.CLAIM.call(keys.stream(), keys.prefix(), consumer, now,
                now + inFlight.toMillis(), max)).map(reply -> {
                    List<ClaimedEvent> claimed = new ArrayList<>();
                    Response entries = reply.get(1);
                    for (int i = 0; i < entries.size(); i++) {
                        Response e = entries.get(i);
                        OutboxEvent event = new OutboxEvent(e.get(1).toString(), clientId, e.get(2).toString(),
                                e.get(4).toString(), Instant.ofEpochMilli(e.get(3).toLong()));
                        claimed.add(new ClaimedEvent(event, e.get(0).toString(), e.get(5).toInteger(),
                                Instant.ofEpochMilli(e.get(6).toLong())));
                    }
                    return new Claim(claimed, reply.get(0).toInteger() == 1);
                });
    }

    @Override
    public Future<List<Settlement.Result>> settle(String clientId, List<Settlement> settlements) {
        OutboxKeys keys = OutboxKeys.of(clientId);
        long now = clock.millis();
        List<LuaScript.Call> calls = settlements.stream().map(s -> call(keys, s, now)).toList();
        return LuaScript.batch(redis, calls).map(replies -> {
            List<Settlement.Result> results = new ArrayList<>(replies.size());
            for (int i = 0; i < replies.size(); i++) {
                long value = replies.get(i).toLong();
                if (settlements.get(i) instanceof Settlement.Acknowledge) {
                    results.add(value < 0 ? Settlement.Result.NOT_APPLIED
                            : new Settlement.Result(true, Optional.of(Instant.ofEpochMilli(value))));
                } else {
                    results.add(value == 1 ? new Settlement.Result(true, Optional.empty()) : Settlement.Result.NOT_APPLIED);
                }
            }
            return results;
        });
    }

    private static LuaScript.Call call(OutboxKeys keys, Settlement settlement, long now) {
        if (settlement instanceof Settlement.Acknowledge a) {
            return OutboxScripts.ACKNOWLEDGE.call(keys.stream(), keys.prefix(), a.jti());
        }
        if (settlement instanceof Settlement.Retry r) {
            return OutboxScripts.RETRY.call(keys.stream(), keys.prefix(), r.jti(), r.deliveryId(), r.at().toEpochMilli());
        }
        Settlement.GiveUp g = (Settlement.GiveUp) settlement;
        return OutboxScripts.GIVE_UP.call(keys.stream(), keys.prefix(), g.jti(), g.deliveryId().orElse(""),
                g.error().err(), g.error().description(), now);
    }

    @Override
    public Future<Integer> releaseDueRetries(String clientId, int max) {
        OutboxKeys keys = OutboxKeys.of(clientId);
        return LuaScript.send(redis, OutboxScripts.RELEASE_DUE.call(keys.stream(), keys.prefix(), clock.millis(),
                Math.max(1, Math.min(max, MAX_CLAIM)))).map(Response::toInteger);
    }

    @Override
    public Future<Optional<Instant>> nextRetry(String clientId) {
        return redis.send(Request.cmd(Command.ZRANGE).arg(OutboxKeys.of(clientId).retry()).arg(0).arg(0).arg("WITHSCORES"))
                .map(r -> {
                    if (r == null || r.size() == 0) {
                        return Optional.empty();
                    }
                    // RESP2: [member, score]; RESP3: [[member, score]]
                    Response score = r.get(0).size() == 2 && r.size() == 1 ? r.get(0).get(1) : r.get(1);
                    return Optional.of(Instant.ofEpochMilli((long) Double.parseDouble(score.toString())));
                });
    }

    @Override
    public Future<Integer> dropConsent(String clientId, String consentId) {
        OutboxEvent.checkId("consentId", consentId);
        OutboxKeys keys = OutboxKeys.of(clientId);
        return LuaScript.send(redis, OutboxScripts.DROP_CONSENT.call(keys.stream(), keys.prefix(), consentId))
                .map(Response::toInteger);
    }

    @Override
    public Future<List<DeadLetter>> deadLetters(String clientId, String after, int count) {
        Objects.requireNonNull(after, "after");
        String start = after.equals("0") || after.equals("0-0") ? "-" : "(" + after;
        return redis.send(Request.cmd(Command.XRANGE).arg(OutboxKeys.of(clientId).dead()).arg(start).arg("+")
                .arg("COUNT").arg(Math.max(1, count))).map(reply -> {
                    List<DeadLetter> letters = new ArrayList<>();
                    for (int i = 0; reply != null && i < reply.size(); i++) {
                        Response entry = reply.get(i);
                        Map<String, String> f = fields(entry.get(1));
                        letters.add(new DeadLetter(entry.get(0).toString(), f.get("jti"), f.get("c"),
                                new SetError(f.get("err"), f.get("desc")), Instant.ofEpochMilli(Long.parseLong(f.get("at")))));
                    }
                    return letters;
                });
    }

    private static Map<String, String> fields(Response reply) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (reply.isMap()) {
            reply.getKeys().forEach(k -> fields.put(k, reply.get(k).toString()));
        } else {
            for (int i = 0; i + 1 < reply.size(); i += 2) {
                fields.put(reply.get(i).toString(), reply.get(i + 1).toString());
            }
        }
        return fields;
    }

    @Override
    public Future<Boolean> requeue(String clientId, String jti) {
        OutboxKeys keys = OutboxKeys.of(clientId);
        return LuaScript.send(redis, OutboxScripts.REQUEUE.call(keys.stream(), keys.prefix(), jti, clock.millis()))
                .map(r -> r.toInteger() == 1);
    }

    @Override
    public Future<Long> depth(String clientId) {
        return redis.send(Request.cmd(Command.GET).arg(OutboxKeys.of(clientId).depth()))
                .map(r -> r == null ? 0L : r.toLong());
    }

    @Override
    public Future<Long> deadLetterCount(String clientId) {
        return redis.send(Request.cmd(Command.XLEN).arg(OutboxKeys.of(clientId).dead())).map(Response::toLong);
    }

    @Override
    public Future<Set<String>> businesses() {
        return redis.send(Request.cmd(Command.SMEMBERS).arg(OutboxKeys.BUSINESSES)).map(r -> {
            Set<String> ids = new HashSet<>();
            for (int i = 0; r != null && i < r.size(); i++) {
                ids.add(r.get(i).toString());
            }
            return ids;
        });
    }
}
