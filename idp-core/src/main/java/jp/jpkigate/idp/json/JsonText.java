package jp.jpkigate.idp.json;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.util.Collection;
import java.util.Map;

/**
 * JSON text of a JSON object made of maps, collections, strings, numbers, booleans and nulls: the
 * text Nimbus's {@link JSONObjectUtils#toJSONString} writes for them (nulls kept, no HTML escaping,
 * control characters, U+2028 and U+2029 escaped), written directly instead of through its Gson type
 * adapters, which cost a noticeable share of a login's event-loop time for the stored documents and
 * responses written on every step. Anything else in the tree (or a non-finite number) is left to
 * Nimbus, so the answer never differs.
 */
public final class JsonText {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonText() {
    }

    public static String write(Map<String, ?> object) {
        StringBuilder out = new StringBuilder(256);
        return writeValue(object, out, 0) ? out.toString() : JSONObjectUtils.toJSONString(object);
    }

    /** Appends {@code value}; false when it holds something only Nimbus writes. */
    private static boolean writeValue(Object value, StringBuilder out, int depth) {
        if (depth > JsonNesting.MAX_DEPTH) {
            return false;
        }
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            string(s, out);
        } else if (value instanceof Boolean b) {
            out.append(b.booleanValue());
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            out.append(((Number) value).longValue());
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                return false;
            }
            out.append(value);
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String key)) {
                    return false;
                }
                if (!first) {
                    out.append(',');
                }
                first = false;
                string(key, out);
                out.append(':');
                if (!writeValue(e.getValue(), out, depth + 1)) {
                    return false;
                }
            }
            out.append('}');
        } else if (value instanceof Collection<?> list) {
            out.append('[');
            boolean first = true;
            for (Object item : list) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                if (!writeValue(item, out, depth + 1)) {
                    return false;
                }
            }
            out.append(']');
        } else {
            return false;
        }
        return true;
    }

    private static void string(String s, StringBuilder out) {
        out.append('"');
        int from = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String escape = switch (c) {
                case '"' -> "\\\"";
                case '\\' -> "\\\\";
                case '\t' -> "\\t";
                case '\b' -> "\\b";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\f' -> "\\f";
                default -> c < 0x20 || c == '\u2028' || c == '\u2029' ? "" : null;
            };
            if (escape == null) {
                continue;
            }
            out.append(s, from, i);
            if (escape.isEmpty()) {
                out.append("\\u").append(HEX[c >> 12 & 0xf]).append(HEX[c >> 8 & 0xf]).append(HEX[c >> 4 & 0xf]).append(HEX[c & 0xf]);
            } else {
                out.append(escape);
            }
            from = i + 1;
        }
        out.append(s, from, s.length()).append('"');
    }
}
