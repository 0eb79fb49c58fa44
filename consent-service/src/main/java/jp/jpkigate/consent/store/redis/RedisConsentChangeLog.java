package jp.jpkigate.consent.store.redis;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import jp.jpkigate.consent.record.BusinessStatus;
import jp.jpkigate.consent.store.ConsentChangeLog;

/**
 * {@link ConsentChangeLog} as one Redis stream per business; the cursor is the stream entry id
 * ({@code <ms>-<seq>}), read exclusively with {@code XRANGE key (cursor + COUNT n}. Trimmed to about a
 * million entries per business.
 */
public final class RedisConsentChangeLog implements ConsentChangeLog {
    private static final Pattern CURSOR = Pattern.compile("[0-9]{1,19}-[0-9]{1,19}");
    private static final long MAX_ENTRIES = 1_000_000;

    private final Redis redis;

    public RedisConsentChangeLog(Redis redis) {
        this.redis = Objects.requireNonNull(redis, "redis");
    }

    public static boolean isCursor(String value) {
        return value != null && CURSOR.matcher(value).matches();
    }

    @Override
    public Future<String> append(String clientId, Change change) {
        List<Object> args = new ArrayList<>(List.of(RedisConsentKeys.changes(clientId), "MAXLEN", "~", MAX_ENTRIES, "*",
                "id", change.consentId(), "customer", change.customerNumber(), "status", change.status().name(),
                "at", change.at().toEpochMilli()));
        change.reason().ifPresent(reason -> {
            args.add("reason");
            args.add(reason);
        });
        return ReplicaAckedRedis.sendDurably(redis, RedisConsentKeys.changes(clientId), Request.cmd(Command.XADD, args.toArray()))
                .map(Response::toString);
    }

    @Override
    public Future<Page> since(String clientId, Optional<String> cursor, int limit) {
        if (cursor.isPresent() && !isCursor(cursor.get())) {
            return Future.failedFuture(new IllegalArgumentException("cursor is not one this API handed out"));
        }
        if (limit < 1) {
            return Future.failedFuture(new IllegalArgumentException("limit must be at least 1"));
        }
        String start = cursor.map(c -> "(" + c).orElse("-");
        return redis.send(Request.cmd(Command.XRANGE, RedisConsentKeys.changes(clientId), start, "+", "COUNT", limit))
                .map(r -> {
                    List<Entry> entries = new ArrayList<>();
                    if (r != null) {
                        for (Response item : r) {
                            entries.add(new Entry(item.get(0).toString(), change(item.get(1))));
                        }
                    }
                    String next = entries.isEmpty() ? cursor.orElse("0-0") : entries.get(entries.size() - 1).cursor();
                    return new Page(entries, next);
                });
    }

    private static Change change(Response fields) {
        String id = null;
        String customer = null;
        String status = null;
        long at = 0;
        String reason = null;
        for (int i = 0; i + 1 < fields.size(); i += 2) {
            String value = fields.get(i + 1).toString();
            switch (fields.get(i).toString()) {
                case "id" -> id = value;
                case "customer" -> customer = value;
                case "status" -> status = value;
                case "at" -> at = Long.parseLong(value);
                case "reason" -> reason = value;
                default -> {
                }
            }
        }
        return new Change(id, customer, BusinessStatus.valueOf(status), Instant.ofEpochMilli(at), Optional.ofNullable(reason));
    }
}
