package jp.jpkigate.consent.audit;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import jp.jpkigate.consent.statement.CanonicalJson;

/**
 * One consent event as the audit log keeps it. <b>Never personal data</b>: no name, address, birth
 * date, gender and no customer number (the consent id stands for the customer). The type cannot
 * carry them: the business and the record are ids in a token syntax, and the details are a
 * bounded set of keys ({@link AuditDetail}), each with a narrow syntax, so there is no place for
 * free text.
 *
 * <p>JSON (the bytes hashed into the chain are its RFC 8785 canonical form):
 * <pre>
 * {"at":"2026-04-01T09:30:00.123Z","business":"bank","details":{"batch_size":"250"},"record":"inv_8Jk2…","type":"invited"}
 * </pre>
 *
 * @param type what happened
 * @param at when, to the millisecond (finer parts are dropped)
 * @param business the client id of the business (RP) the consent is given to
 * @param record the consent id, or for invitation events the invitation (batch) id
 * @param details the event's non-personal details; at least the type's {@link ConsentAuditEventType#requiredDetails()}
 */
public record ConsentAuditEvent(ConsentAuditEventType type, Instant at, String business, String record,
        Map<AuditDetail, String> details) {
    private static final Pattern CLIENT_ID = Pattern.compile("[\\x21-\\x7e]{1,128}");
    private static final Pattern RECORD_ID = Pattern.compile("[A-Za-z0-9_~.-]{1,128}");

    public ConsentAuditEvent {
        Objects.requireNonNull(type, "type");
        at = Objects.requireNonNull(at, "at").truncatedTo(ChronoUnit.MILLIS);
        check("business", business, CLIENT_ID);
        check("record", record, RECORD_ID);
        EnumMap<AuditDetail, String> checked = new EnumMap<>(AuditDetail.class);
        Objects.requireNonNull(details, "details").forEach((key, value) -> checked.put(Objects.requireNonNull(key, "detail"), key.check(value)));
        for (AuditDetail needed : type.requiredDetails()) {
            if (!checked.containsKey(needed)) {
                throw new IllegalArgumentException(type.wireName() + " needs " + needed.wireName());
            }
        }
        details = Collections.unmodifiableMap(checked);
    }

    /** An event with no details (for the types that need none). */
    public static ConsentAuditEvent of(ConsentAuditEventType type, Instant at, String business, String record) {
        return new ConsentAuditEvent(type, at, business, record, Map.of());
    }

    /** The RFC 8785 canonical JSON of this event: the bytes the audit chain hashes. */
    public byte[] toCanonicalJson() {
        Map<String, Object> detailJson = new LinkedHashMap<>();
        details.forEach((key, value) -> detailJson.put(key.wireName(), value));
        return CanonicalJson.canonicalize(Map.of("type", type.wireName(), "at", at.toString(), "business", business,
                "record", record, "details", detailJson));
    }

    /**
     * Reads an event from its JSON (any member order; other members are refused, so nothing
     * unchecked can ride along). {@link IllegalArgumentException} for anything else.
     */
    public static ConsentAuditEvent parse(byte[] json) {
        Map<String, Object> members = CanonicalJson.parse(json);
        if (!members.keySet().equals(Set.of("type", "at", "business", "record", "details"))) {
            throw new IllegalArgumentException("an audit event has exactly type, at, business, record and details, got " + members.keySet());
        }
        EnumMap<AuditDetail, String> details = new EnumMap<>(AuditDetail.class);
        if (!(members.get("details") instanceof Map<?, ?> detailJson)) {
            throw new IllegalArgumentException("details must be an object");
        }
        detailJson.forEach((key, value) -> details.put(AuditDetail.ofWireName((String) key), text("details." + key, value)));
        return new ConsentAuditEvent(ConsentAuditEventType.ofWireName(text("type", members.get("type"))),
                instant(text("at", members.get("at"))), text("business", members.get("business")),
                text("record", members.get("record")), details);
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("at must be an ISO-8601 instant, got " + text);
        }
    }

    private static String text(String member, Object value) {
        if (!(value instanceof String s)) {
            throw new IllegalArgumentException(member + " must be a string");
        }
        return s;
    }

    private static void check(String member, String value, Pattern syntax) {
        if (value == null || !syntax.matcher(value).matches()) {
            throw new IllegalArgumentException(member + " must match " + syntax.pattern());
        }
    }
}
