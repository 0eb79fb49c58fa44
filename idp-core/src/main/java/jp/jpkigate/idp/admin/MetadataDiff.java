package jp.jpkigate.idp.admin;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What changed between two versions of a client's metadata, for the audit log, without secrets:
 * member → {@code {"from": old, "to": new}} (absent side left out); secret members
 * ({@code client_secret_sha256}, {@code client_secret}) only as {@code {"changed": true}}; a JWK Set
 * as the list of its key ids.
 */
public final class MetadataDiff {
    static final Set<String> SECRET_MEMBERS = Set.of("client_secret_sha256", "client_secret");

    private MetadataDiff() {
    }

    public static Map<String, Object> between(Map<String, Object> before, Map<String, Object> after) {
        Set<String> members = new LinkedHashSet<>(after.keySet());
        members.addAll(before.keySet());
        Map<String, Object> diff = new LinkedHashMap<>();
        for (String member : members) {
            Object from = before.get(member);
            Object to = after.get(member);
            if (Objects.equals(from, to)) {
                continue;
            }
            if (SECRET_MEMBERS.contains(member)) {
                diff.put(member, Map.of("changed", true));
                continue;
            }
            Map<String, Object> change = new LinkedHashMap<>();
            if (from != null) {
                change.put("from", shown(member, from));
            }
            if (to != null) {
                change.put("to", shown(member, to));
            }
            diff.put(member, change);
        }
        return diff;
    }

    /** One member's change, for fields the admin API sets itself (such as {@code disabled}). */
    public static Map<String, Object> change(String member, Object from, Object to) {
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("from", from);
        change.put("to", to);
        return Map.of(member, change);
    }

    private static Object shown(String member, Object value) {
        if ("jwks".equals(member) && value instanceof Map<?, ?> set && set.get("keys") instanceof List<?> keys) {
            return Map.of("kids", keys.stream().map(k -> k instanceof Map<?, ?> key ? String.valueOf(key.get("kid")) : "?").toList());
        }
        return value;
    }
}
