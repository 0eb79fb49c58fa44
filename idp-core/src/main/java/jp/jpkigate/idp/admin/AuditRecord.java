package jp.jpkigate.idp.admin;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One admin API call as the audit log keeps it: who (the admin token's label, or
 * {@code schedule}), what ({@code client.register}, {@code keys.rotate} ...), when, for which
 * client, how it ended ({@code ok} or the error code) and what changed — a metadata diff without
 * secrets ({@link MetadataDiff}).
 *
 * @param id       the log's id of the record (a Redis stream id); empty before it is appended
 * @param at       when the call was answered
 * @param actor    the admin principal's label
 * @param action   what was asked
 * @param clientId the client concerned, if any
 * @param outcome  {@code ok}, or the error code answered
 * @param changes  what changed: member → {@code {"from", "to"}} (secrets only as {@code {"changed": true}})
 */
public record AuditRecord(Optional<String> id, Instant at, String actor, String action, Optional<String> clientId,
                          String outcome, Map<String, Object> changes) {
    public AuditRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(outcome, "outcome");
        changes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(changes));
    }

    /** This record as the log stored it. */
    public AuditRecord withId(String logId) {
        return new AuditRecord(Optional.of(logId), at, actor, action, clientId, outcome, changes);
    }

    /** The JSON members answered by {@code GET /admin/audit}. */
    public Map<String, Object> toJsonObject() {
        Map<String, Object> json = new LinkedHashMap<>();
        id.ifPresent(v -> json.put("id", v));
        json.put("at", at.toString());
        json.put("actor", actor);
        json.put("action", action);
        clientId.ifPresent(v -> json.put("client_id", v));
        json.put("outcome", outcome);
        json.put("changes", changes);
        return json;
    }
}
