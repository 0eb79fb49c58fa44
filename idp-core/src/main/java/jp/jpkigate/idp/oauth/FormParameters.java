package jp.jpkigate.idp.oauth;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The parameters of an {@code application/x-www-form-urlencoded} request body (RFC 6749 §3.2,
 * Appendix B), parsed strictly:
 * <ul>
 *   <li>the body must be UTF-8 and every {@code %XX} escape well formed;</li>
 *   <li>RFC 6749 §3.1: "Request and response parameters MUST NOT be included more than once" —
 *       a repeated name is {@code invalid_request};</li>
 *   <li>RFC 6749 §3.1: "Parameters sent without a value MUST be treated as if they were omitted"
 *       — an empty value is dropped (but still counts for the repetition rule).</li>
 * </ul>
 * Immutable.
 */
public final class FormParameters {
    /** At most this many parameters; a body with more is refused before it is decoded further. */
    public static final int MAX_PARAMETERS = 100;

    private final Map<String, String> values;

    private FormParameters(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    public static FormParameters of(Map<String, String> values) {
        Map<String, String> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (v != null && !v.isEmpty()) {
                copy.put(k, v);
            }
        });
        return new FormParameters(copy);
    }

    /** Parses a form body; any malformation is {@code invalid_request}. */
    public static FormParameters parse(byte[] body) throws OAuthException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw OAuthError.INVALID_REQUEST.withDescription("the request body is not UTF-8").toException();
        }
        Map<String, String> values = new LinkedHashMap<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        if (text.isEmpty()) {
            return new FormParameters(values);
        }
        int count = 0;
        for (String pair : text.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            if (++count > MAX_PARAMETERS) {
                throw OAuthError.INVALID_REQUEST.withDescription("too many parameters").toException();
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (name.isEmpty()) {
                throw OAuthError.INVALID_REQUEST.withDescription("a parameter without a name").toException();
            }
            if (!seen.add(name)) {
                throw OAuthError.INVALID_REQUEST.withDescription("parameter repeated: " + name).toException();
            }
            if (!value.isEmpty()) {
                values.put(name, value);
            }
        }
        return new FormParameters(values);
    }

    private static String decode(String encoded) throws OAuthException {
        if (encoded.indexOf('%') < 0 && encoded.indexOf('+') < 0) {
            return encoded;
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '+') {
                out.write(' ');
            } else if (c == '%') {
                if (i + 2 >= encoded.length() || hex(encoded.charAt(i + 1)) < 0 || hex(encoded.charAt(i + 2)) < 0) {
                    throw OAuthError.INVALID_REQUEST.withDescription("a malformed percent-encoding").toException();
                }
                out.write(hex(encoded.charAt(i + 1)) << 4 | hex(encoded.charAt(i + 2)));
                i += 2;
            } else {
                // Raw characters (not strictly form-encoded, but harmless): their UTF-8 bytes.
                int end = Character.isHighSurrogate(c) && i + 1 < encoded.length() ? i + 2 : i + 1;
                out.writeBytes(encoded.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end - 1;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(out.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw OAuthError.INVALID_REQUEST.withDescription("a percent-encoded value is not UTF-8").toException();
        }
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /** The value of a parameter, absent when missing or empty. */
    public Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** All non-empty parameters, in body order. */
    public Map<String, String> asMap() {
        return values;
    }

    @Override
    public String toString() {
        // Values can be secrets (client_secret, assertions): only names are printed.
        return "FormParameters" + values.keySet();
    }
}
