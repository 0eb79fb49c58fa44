package jp.jpkigate.consent.audit.redis;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import jp.jpkigate.consent.audit.AuditEntry;
import jp.jpkigate.consent.audit.CorruptAuditLogException;

/**
 * How an {@link AuditEntry} sits in the Redis stream: stream id {@code 0-<seq>} (so entry
 * {@code n} is addressed directly and Redis itself refuses an id that does not grow) and exactly the
 * fields {@code seq}, {@code prev}, {@code event} (canonical JSON) and {@code hash}.
 */
final class AuditStreamEntry {
    static final String SEQ = "seq";
    static final String PREV = "prev";
    static final String EVENT = "event";
    static final String HASH = "hash";
    private static final Set<String> FIELDS = Set.of(SEQ, PREV, EVENT, HASH);
    private static final Pattern SEQ_SYNTAX = Pattern.compile("[1-9][0-9]{0,17}");

    private AuditStreamEntry() {
    }

    /** The stream id of entry {@code seq}. */
    static String streamId(long seq) {
        return "0-" + seq;
    }

    /** The entry's fields, in XADD order. */
    static List<String> fields(AuditEntry entry) {
        return List.of(SEQ, Long.toString(entry.seq()), PREV, entry.prev(), EVENT, entry.eventJson(), HASH, entry.hash());
    }

    /**
     * The entry stored under {@code streamId} with {@code fields}; {@link CorruptAuditLogException}
     * (at {@code position}, where the reader expected it, unless the id says better) when they are
     * not one written by {@link RedisConsentAuditLog}.
     */
    static AuditEntry decode(long position, String streamId, Map<String, String> fields) {
        if (streamId == null || !streamId.startsWith("0-") || !SEQ_SYNTAX.matcher(streamId.substring(2)).matches()) {
            throw new CorruptAuditLogException(position, "stream id " + streamId + " is not 0-<seq> (added around the log's API)");
        }
        long seq = Long.parseLong(streamId.substring(2));
        if (!fields.keySet().equals(FIELDS) || FIELDS.stream().anyMatch(name -> fields.get(name) == null)) {
            throw new CorruptAuditLogException(seq, "fields are " + fields.keySet() + ", not " + FIELDS);
        }
        if (!fields.get(SEQ).equals(Long.toString(seq))) {
            throw new CorruptAuditLogException(seq, "its seq field does not match its stream id " + streamId);
        }
        return new AuditEntry(seq, fields.get(PREV), fields.get(EVENT), fields.get(HASH));
    }
}
