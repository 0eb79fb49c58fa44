package jp.jpkigate.idp.store.redis;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.idp.admin.AuditRecord;
import jp.jpkigate.idp.store.AdminAuditLog;

/**
 * {@link AdminAuditLog} on the Redis stream {@value #KEY}: one entry per record with the single
 * field {@code record} (the record's JSON without id; the entry id is the record's id). Never
 * trimmed: the log is as durable as Redis (AOF with fsync on every write in production).
 */
public final class RedisAdminAuditLog implements AdminAuditLog {
    /** Hash-tagged, so the same key works on a single Redis, Sentinel or Cluster. */
    public static final String KEY = "{jpki:audit}:admin";

    private final Redis redis;

    public RedisAdminAuditLog(Redis redis) {
        this.redis = Objects.requireNonNull(redis, "redis");
    }

    @Override
    public Future<String> append(AuditRecord record) {
        return redis.send(Request.cmd(Command.XADD, KEY, "*", "record", JSONObjectUtils.toJSONString(record.toJsonObject())))
                .map(Response::toString);
    }

    @Override
    public Future<List<AuditRecord>> after(String afterId, int count) {
        String after = afterId == null || afterId.isEmpty() ? "0" : afterId;
        if (!after.matches("[0-9]{1,20}(-[0-9]{1,20})?") || count < 1) {
            return Future.failedFuture(new IllegalArgumentException("after must be an audit record id such as 1767225600000-0"));
        }
        String start = after.equals("0") || after.equals("0-0") ? "-" : "(" + after;
        return redis.send(Request.cmd(Command.XRANGE, KEY, start, "+", "COUNT", count)).compose(reply -> {
            List<AuditRecord> records = new ArrayList<>();
            for (int i = 0; reply != null && i < reply.size(); i++) {
                Response entry = reply.get(i);
                Response fields = entry.get(1);
                String json = (fields.isMap() ? fields.get("record") : fields.get(1)).toString();
                try {
                    records.add(parse(json).withId(entry.get(0).toString()));
                } catch (java.text.ParseException | RuntimeException e) {
                    return Future.failedFuture(new IllegalStateException("malformed audit record " + entry.get(0)));
                }
            }
            return Future.succeededFuture(records);
        });
    }

    @SuppressWarnings("unchecked")
    private static AuditRecord parse(String json) throws java.text.ParseException {
        Map<String, Object> m = JSONObjectUtils.parse(json);
        Object changes = m.get("changes");
        return new AuditRecord(Optional.empty(), Instant.parse((String) m.get("at")), (String) m.get("actor"),
                (String) m.get("action"), Optional.ofNullable((String) m.get("client_id")), (String) m.get("outcome"),
                changes instanceof Map<?, ?> c ? (Map<String, Object>) c : Map.of());
    }
}
