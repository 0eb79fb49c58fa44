package jp.jpkigate.revocation.store.redis;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import jp.jpkigate.revocation.index.CrlReason;
import jp.jpkigate.revocation.service.IssuerKey;
import jp.jpkigate.revocation.service.RevocationChange;
import jp.jpkigate.revocation.store.RevocationStream;
import jp.jpkigate.revocation.store.StreamedChange;

/**
 * {@link RevocationStream} on a Redis stream ({@link RedisKeys#changes()}), one entry per change
 * with the fields
 * <pre>
 * issuer  the CA key identifier, upper-case hex ({@link IssuerKey})
 * serial  the certificate serial, upper-case hex (a leading '-' for a negative serial)
 * kind    REVOKED or RELEASED
 * reason  the RFC 5280 CRLReason code, decimal
 * date    the revocation date, ISO yyyy-mm-dd
 * seenAt  when the change was ingested, ISO-8601 instant
 * </pre>
 * Appends are pipelined XADD with {@code MAXLEN ~ maxLength} (approximate trimming is cheap).
 */
public final class RedisRevocationStream implements RevocationStream {
    /** Default approximate length limit. */
    public static final long DEFAULT_MAX_LENGTH = 1_000_000;

    private final Redis redis;
    private final String key;
    private final long maxLength;

    public RedisRevocationStream(Redis redis, RedisKeys keys) {
        this(redis, keys, DEFAULT_MAX_LENGTH);
    }

    public RedisRevocationStream(Redis redis, RedisKeys keys, long maxLength) {
        if (maxLength < 1) {
            throw new IllegalArgumentException("max length must be positive");
        }
        this.redis = Objects.requireNonNull(redis, "redis");
        this.key = keys.changes();
        this.maxLength = maxLength;
    }

    @Override
    public Future<List<String>> append(List<RevocationChange> changes) {
        if (changes.isEmpty()) {
            return Future.succeededFuture(List.of());
        }
        List<Request> adds = new ArrayList<>(changes.size());
        for (RevocationChange c : changes) {
            adds.add(Request.cmd(Command.XADD).arg(key).arg("MAXLEN").arg("~").arg(maxLength).arg("*")
                    .arg("issuer").arg(c.issuer().keyIdHex())
                    .arg("serial").arg(c.serial().toString(16).toUpperCase(Locale.ROOT))
                    .arg("kind").arg(c.kind().name())
                    .arg("reason").arg(c.reason().code())
                    .arg("date").arg(c.revocationDate().toString())
                    .arg("seenAt").arg(c.seenAt().toString()));
        }
        return redis.batch(adds).map(replies -> replies.stream().map(Response::toString).toList());
    }

    @Override
    public Future<List<StreamedChange>> read(String afterId, int count) {
        Objects.requireNonNull(afterId, "afterId");
        if (count < 1) {
            return Future.failedFuture(new IllegalArgumentException("count must be positive"));
        }
        String start = afterId.equals("0") || afterId.equals("0-0") ? "-" : "(" + afterId;
        return redis.send(Request.cmd(Command.XRANGE).arg(key).arg(start).arg("+").arg("COUNT").arg(count))
                .compose(reply -> {
                    List<StreamedChange> changes = new ArrayList<>();
                    for (int i = 0; reply != null && i < reply.size(); i++) {
                        Response entry = reply.get(i);
                        String id = entry.get(0).toString();
                        try {
                            changes.add(new StreamedChange(id, parse(RedisResponses.fields(entry.get(1)))));
                        } catch (RuntimeException e) {
                            return Future.failedFuture(
                                    new IllegalStateException("malformed revocation stream entry " + id, e));
                        }
                    }
                    return Future.succeededFuture(changes);
                });
    }

    private static RevocationChange parse(Map<String, Response> f) {
        return new RevocationChange(new IssuerKey(f.get("issuer").toString()),
                new BigInteger(f.get("serial").toString(), 16),
                RevocationChange.Kind.valueOf(f.get("kind").toString()),
                CrlReason.fromCode(Integer.parseInt(f.get("reason").toString())),
                LocalDate.parse(f.get("date").toString()),
                Instant.parse(f.get("seenAt").toString()));
    }
}
