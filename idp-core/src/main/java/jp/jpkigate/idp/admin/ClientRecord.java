package jp.jpkigate.idp.admin;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A client registered through the admin API as stored: its RFC 7591 metadata as registered (with
 * {@code client_id}), when it was issued and last changed, and whether it is disabled (a disabled
 * client is kept, but the OP no longer knows it).
 */
public record ClientRecord(Map<String, Object> metadata, Instant issuedAt, Instant updatedAt, boolean disabled) {
    public ClientRecord {
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (!(metadata.get("client_id") instanceof String)) {
            throw new IllegalArgumentException("a client record has a client_id");
        }
    }

    public String clientId() {
        return (String) metadata.get("client_id");
    }

    /** The same client with new metadata. */
    public ClientRecord updated(Map<String, Object> newMetadata, Instant now) {
        return new ClientRecord(newMetadata, issuedAt, now, disabled);
    }

    /** The same client, disabled. */
    public ClientRecord disabled(Instant now) {
        return new ClientRecord(metadata, issuedAt, now, true);
    }

    public String toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("metadata", metadata);
        json.put("issued_at", issuedAt.getEpochSecond());
        json.put("updated_at", updatedAt.getEpochSecond());
        json.put("disabled", disabled);
        return JSONObjectUtils.toJSONString(json);
    }

    /** @throws IllegalArgumentException when the stored text is not a client record */
    @SuppressWarnings("unchecked")
    public static ClientRecord parse(String json) {
        try {
            Map<String, Object> m = JSONObjectUtils.parse(json);
            return new ClientRecord((Map<String, Object>) m.get("metadata"),
                    Instant.ofEpochSecond(((Number) m.get("issued_at")).longValue()),
                    Instant.ofEpochSecond(((Number) m.get("updated_at")).longValue()), Boolean.TRUE.equals(m.get("disabled")));
        } catch (java.text.ParseException | RuntimeException e) {
            throw new IllegalArgumentException("not a stored client record");
        }
    }

    @Override
    public String toString() {
        return "ClientRecord[" + clientId() + (disabled ? ", disabled" : "") + "]";
    }
}
