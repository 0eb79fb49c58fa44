package jp.jpkigate.sim.consent;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/** Reads the members of a request's JSON object; anything missing, mistyped or out of range is {@link Refusal#MALFORMED}. */
final class JsonFields {
    private JsonFields() {
    }

    /** A required string member matching {@code pattern} (which says what is allowed, in {@code rule}). */
    static String string(JsonObject json, String name, Pattern pattern, String rule) {
        Object value = json.getValue(name);
        if (!(value instanceof String text)) {
            throw Refusal.MALFORMED.refuse(value == null ? "'" + name + "' is missing" : "'" + name + "' must be a string");
        }
        if (!pattern.matcher(text).matches()) {
            throw Refusal.MALFORMED.refuse("'" + name + "' must be " + rule);
        }
        return text;
    }

    /** A required array member of strings. */
    static List<String> strings(JsonObject json, String name) {
        Object value = json.getValue(name);
        if (!(value instanceof JsonArray array)) {
            throw Refusal.MALFORMED.refuse("'" + name + "' must be an array of strings");
        }
        List<String> strings = new ArrayList<>(array.size());
        for (Object element : array) {
            if (!(element instanceof String text)) {
                throw Refusal.MALFORMED.refuse("'" + name + "' must be an array of strings");
            }
            strings.add(text);
        }
        return strings;
    }

    /** A required base64 member ({@code decoder}: standard or url-safe alphabet), decoded, not empty. */
    static byte[] bytes(JsonObject json, String name, Base64.Decoder decoder, String encoding) {
        String text = string(json, name, Pattern.compile("[A-Za-z0-9+/_-]+={0,2}"), "non-empty " + encoding);
        try {
            byte[] bytes = decoder.decode(text);
            if (bytes.length == 0) {
                throw new IllegalArgumentException("empty");
            }
            return bytes;
        } catch (IllegalArgumentException e) {
            throw Refusal.MALFORMED.refuse("'" + name + "' must be non-empty " + encoding);
        }
    }
}
