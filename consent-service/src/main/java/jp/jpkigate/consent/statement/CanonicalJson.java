package jp.jpkigate.consent.statement;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON Canonicalization Scheme (RFC 8785, JCS) for the documents a person signs with the card
 * and for the audit log's events: one value, one byte sequence, so a signature or a hash over the
 * bytes stands for the value.
 *
 * <p>Values are JSON objects as {@code Map<String, ?>}, arrays as {@code List<?>}, strings,
 * booleans, {@code null} and integers ({@link Integer}, {@link Long}). Output (RFC 8785 3.2):
 * <ul>
 *   <li>no whitespace;</li>
 *   <li>object members sorted by their names as arrays of UTF-16 code units (3.2.3), which is
 *       {@link String#compareTo}; array order is kept;</li>
 *   <li>strings as ECMAScript's {@code JSON.stringify} writes them (3.2.2.2): {@code \b \t \n \f
 *       \r \" \\}, the other controls below U+0020 as {@code \}{@code u00xx} in lowercase hex,
 *       everything else (including {@code /}, U+007F and non-ASCII) literally;</li>
 *   <li>UTF-8 (3.2.4).</li>
 * </ul>
 *
 * <p><b>Only integers, and only the I-JSON safe ones.</b> JCS writes numbers as ECMAScript
 * doubles (3.2.2.3), so {@code 0.1}, {@code 1e21} or {@code 2^53 + 1} canonicalize to text that
 * differs from what the program that built the statement meant, and the shortest-round-trip
 * formatting is where implementations disagree. A consent statement needs no fractions, so we
 * never sign a float: {@link Double}, {@link Float}, {@link java.math.BigDecimal}, any other
 * {@link Number} and integers outside ±(2<sup>53</sup> − 1) (RFC 7493 2.2) are refused. For such
 * integers the ECMAScript form is the plain decimal, so {@link Long#toString} is exact.
 *
 * <p><b>Refused</b>, always with {@link IllegalArgumentException}: other types, non-string map
 * keys, lone surrogates in names or strings (RFC 8785 3.1 requires well-formed Unicode), nesting
 * deeper than {@value #MAX_DEPTH}; when parsing also malformed UTF-8 or JSON, a byte order mark,
 * trailing content, numbers with a fraction or exponent, and duplicate member names (RFC 8785 3.1
 * requires I-JSON, RFC 7493 2.3 forbids them: a verifier and a display must not read different
 * members).
 */
public final class CanonicalJson {
    /** Deepest nesting accepted (a statement is two or three levels deep); bounds the recursion. */
    public static final int MAX_DEPTH = 32;
    /** 2^53 - 1: the largest integer every JSON reader holds exactly (RFC 7493 2.2). */
    public static final long MAX_SAFE_INTEGER = 9_007_199_254_740_991L;

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private CanonicalJson() {
    }

    /** The canonical UTF-8 bytes of {@code value}. */
    public static byte[] canonicalize(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out, 0);
        // Well-formed UTF-16 (checked while writing), so the encoding is exact.
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Parses a JSON object (UTF-8, RFC 8259 with the restrictions above). Objects become
     * unmodifiable maps in document order, arrays unmodifiable lists, integers {@link Long}.
     */
    public static Map<String, Object> parse(byte[] json) {
        String text = decodeUtf8(json);
        try (JsonParser parser = JSON.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("not a JSON object");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> object = (Map<String, Object>) read(parser, 1);
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException("content after the JSON object at " + parser.currentLocation().getCharOffset());
            }
            return object;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("malformed JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable JSON: " + e.getMessage(), e);
        }
    }

    /** Whether {@code json} is a JSON object in exactly its canonical form. Never throws for bad input. */
    public static boolean isCanonical(byte[] json) {
        try {
            return Arrays.equals(json, canonicalize(parse(json)));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void write(Object value, StringBuilder out, int depth) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            writeString(s, out);
        } else if (value instanceof Boolean b) {
            out.append(b.booleanValue());
        } else if (value instanceof Integer || value instanceof Long) {
            out.append(safeInteger(((Number) value).longValue()));
        } else if (value instanceof Map<?, ?> map) {
            writeObject(map, out, nested(depth));
        } else if (value instanceof List<?> list) {
            writeArray(list, out, nested(depth));
        } else if (value instanceof Number) {
            throw new IllegalArgumentException("only Integer and Long numbers are signed, not " + value.getClass().getSimpleName());
        } else {
            throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
        }
    }

    private static void writeObject(Map<?, ?> map, StringBuilder out, int depth) {
        TreeMap<String, Object> sorted = new TreeMap<>();
        for (Map.Entry<?, ?> member : map.entrySet()) {
            if (!(member.getKey() instanceof String name)) {
                throw new IllegalArgumentException("member names must be strings, got " + member.getKey());
            }
            sorted.put(name, member.getValue());
        }
        out.append('{');
        String separator = "";
        for (Map.Entry<String, Object> member : sorted.entrySet()) {
            out.append(separator);
            writeString(member.getKey(), out);
            out.append(':');
            write(member.getValue(), out, depth);
            separator = ",";
        }
        out.append('}');
    }

    private static void writeArray(List<?> list, StringBuilder out, int depth) {
        out.append('[');
        String separator = "";
        for (Object item : list) {
            out.append(separator);
            write(item, out, depth);
            separator = ",";
        }
        out.append(']');
    }

    /** RFC 8785 3.2.2.2, ECMA-262 QuoteJSONString; a lone surrogate is refused. */
    private static void writeString(String s, StringBuilder out) {
        wellFormed(s);
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\b' -> out.append("\\b");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\f' -> out.append("\\f");
                case '\r' -> out.append("\\r");
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** {@code s} when every surrogate in it is half of a pair (RFC 8785 3.1). */
    private static String wellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException("lone surrogate U+" + Integer.toHexString(c).toUpperCase() + " at index " + i);
            }
        }
        return s;
    }

    private static long safeInteger(long value) {
        if (value > MAX_SAFE_INTEGER || value < -MAX_SAFE_INTEGER) {
            throw new IllegalArgumentException("integer " + value + " is outside ±(2^53 - 1)");
        }
        return value;
    }

    private static int nested(int depth) {
        if (depth >= MAX_DEPTH) {
            throw new IllegalArgumentException("nested deeper than " + MAX_DEPTH);
        }
        return depth + 1;
    }

    /** Reads the value at the parser's current token. */
    private static Object read(JsonParser parser, int depth) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == null) {
            throw new IllegalArgumentException("the JSON ends too early");
        }
        switch (token) {
            case START_OBJECT -> {
                Map<String, Object> object = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = wellFormed(parser.currentName());
                    parser.nextToken();
                    object.put(name, read(parser, nested(depth)));
                }
                return Collections.unmodifiableMap(object);
            }
            case START_ARRAY -> {
                List<Object> array = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(read(parser, nested(depth)));
                }
                return Collections.unmodifiableList(array);
            }
            case VALUE_STRING -> {
                return wellFormed(parser.getText());
            }
            case VALUE_NUMBER_INT -> {
                if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    throw new IllegalArgumentException("integer " + parser.getText() + " is outside ±(2^53 - 1)");
                }
                return safeInteger(parser.getLongValue());
            }
            case VALUE_NUMBER_FLOAT -> throw new IllegalArgumentException(
                    "number " + parser.getText() + " has a fraction or exponent: only integers are signed");
            case VALUE_TRUE -> {
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                return Boolean.FALSE;
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw new IllegalArgumentException("unexpected " + token);
        }
    }

    private static String decodeUtf8(byte[] json) {
        if (json == null) {
            throw new IllegalArgumentException("no JSON");
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(json))
                    .toString();
            if (text.startsWith("\uFEFF")) {
                throw new IllegalArgumentException("a byte order mark is not allowed");
            }
            return text;
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("not UTF-8", e);
        }
    }
}
