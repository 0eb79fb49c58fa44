package jp.jpkigate.revocation.web;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.netty.buffer.ByteBuf;
import com.fasterxml.jackson.core.JsonToken;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.JacksonCodec;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import jp.jpkigate.revocation.service.CheckResult;
import jp.jpkigate.revocation.service.IssuerKey;
import jp.jpkigate.revocation.service.RevocationService;

/**
 * The body of {@code POST /revocation/v1/check}, parsed and validated; every mistake is a
 * {@link ProblemException} naming the member (and batch index) at fault. Exactly one of:
 * <pre>
 * {"certificate": "&lt;base64 DER&gt;"}
 * {"certificates": ["&lt;base64 DER&gt;", ...]}                          1 to 1000 items
 * {"serials": [{"issuer": "&lt;key id hex&gt;", "serial": "&lt;hex&gt;"}, ...]}  1 to 1000 items
 * </pre>
 * Mixing {@code certificates} and {@code serials} in one request is refused (one request, one kind of
 * item, so the result list lines up with one array); other members are ignored. Base64 is the standard
 * or the URL-safe alphabet (RFC 4648 4 / 5), padding optional, no line breaks; a certificate must be one
 * DER X.509 certificate and nothing after it. Issuer is a key identifier (an even number of hex digits,
 * at most 128), serial is 1 to 40 hex digits (RFC 5280 4.1.2.2: at most 20 octets).
 *
 * @param items what to check, in request order
 */
public record CheckRequest(List<CheckItem> items) {
    /** Items in one request. More is a 400 {@code batch-too-large}: the body may be small, the batch is not. */
    public static final int MAX_ITEMS = 1000;
    /** 1000 JPKI certificates in base64 are about 2.5 MiB. */
    public static final int MAX_BODY = 4 * 1024 * 1024;

    public CheckRequest {
        items = List.copyOf(Objects.requireNonNull(items, "items"));
    }

    /**
     * The response body ({@link CheckResponse}) from answers given in place ({@link CheckItem#checkNow}),
     * as the check endpoint writes it when the in-memory data answers every item: for benchmarks and
     * tools. {@link IllegalStateException} when an item needs an OCSP query (the endpoint waits for it).
     */
    public Buffer respondInPlace(RevocationService service, Instant checkedAt) {
        CheckResult[] results = new CheckResult[items.size()];
        for (int i = 0; i < results.length; i++) {
            results[i] = items.get(i).checkNow(service);
            if (results[i] == null) {
                throw new IllegalStateException("item " + i + " needs an OCSP query");
            }
        }
        return new CheckResponse(items, Arrays.asList(results), checkedAt).toBuffer();
    }

    /**
     * A usual body (one certificate, a batch of certificates or of pairs) read straight from the bytes
     * ({@link UsualRequestScanner}), or null for any other body, which {@link #parse(Buffer)} judges.
     * Linear in the body and stops at the first byte out of those shapes: the check endpoint tries it on
     * the event loop for bodies it otherwise parses on a worker.
     */
    static CheckRequest usualRequest(Buffer body) {
        if (body == null || body.length() == 0 || body.length() > MAX_BODY) {
            return null;
        }
        ByteBuf buffer = ((BufferInternal) body).getByteBuf();
        return !buffer.hasArray() || (MAX_DOCUMENT > 0 && buffer.readableBytes() > MAX_DOCUMENT) ? null
                : UsualRequestScanner.scan(buffer.array(), buffer.arrayOffset() + buffer.readerIndex(), buffer.readableBytes());
    }

    /**
     * Parses a request body (UTF-8 JSON). The usual bodies are read straight from the bytes
     * ({@link UsualRequestScanner}); any other body is streamed with the parser {@link Json#decodeValue}
     * uses (same syntax accepted, same limits) instead of building a tree: only the three members are
     * kept, every other value is read and dropped. The outcome, request or problem, is the one
     * {@code parse((JsonObject) Json.decodeValue(body))} gives: duplicate members, the last wins; a
     * {@code null} member is absent; the whole body is read before any member is judged.
     */
    public static CheckRequest parse(Buffer body) {
        if (body == null || body.length() == 0) {
            throw Problem.INVALID_REQUEST.withDetail("the body is empty: send a JSON object").exception();
        }
        if (body.length() > MAX_BODY) {
            throw Problem.BODY_TOO_LARGE.withDetail("the body may be at most " + MAX_BODY + " bytes").exception();
        }
        // The body's bytes in place when the buffer has an array (the body handler's), else a copy.
        ByteBuf buffer = ((BufferInternal) body).getByteBuf();
        byte[] bytes = buffer.hasArray() ? buffer.array() : body.getBytes();
        int offset = buffer.hasArray() ? buffer.arrayOffset() + buffer.readerIndex() : 0;
        int length = buffer.hasArray() ? buffer.readableBytes() : bytes.length;
        if (MAX_DOCUMENT <= 0 || length <= MAX_DOCUMENT) {
            CheckRequest usual = UsualRequestScanner.scan(bytes, offset, length);
            if (usual != null) {
                return usual;
            }
        }
        Members members;
        try (JsonParser parser = FACTORY.createParser(bytes, offset, length)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new IOException("no JSON value");
            }
            members = first == JsonToken.START_OBJECT ? Members.read(parser) : null;
            if (members == null) {
                skipValue(parser);
            }
            if (parser.nextToken() != null) {
                throw new IOException("trailing token");
            }
        } catch (IOException | RuntimeException | StackOverflowError e) {
            throw Problem.INVALID_REQUEST.withDetail("the body is not valid JSON").exception();
        }
        if (members == null) {
            throw Problem.INVALID_REQUEST.withDetail("the body must be a JSON object").exception();
        }
        return members.toRequest();
    }

    /** Vert.x's parser settings (its {@link StreamReadConstraints}), reading from arrays without a stream. */
    private static final JsonFactory FACTORY = JsonFactory.builder().streamReadConstraints(vertxConstraints()).build();

    private static StreamReadConstraints vertxConstraints() {
        try (JsonParser parser = JacksonCodec.createParser("{}")) {
            return parser.streamReadConstraints();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A body longer than Vert.x's document limit, if one is set, goes to the parser that enforces it. */
    private static final long MAX_DOCUMENT = FACTORY.streamReadConstraints().getMaxDocumentLength();

    /** A non-string, non-null value where a string may stand. */
    private static final Object OTHER = new Object();

    /** The three members as read from the stream: a String, {@link #OTHER}, a List (an array) or null. */
    private static final class Members {
        Object single;
        Object certificates;
        Object serials;

        static Members read(JsonParser parser) throws IOException {
            Members members = new Members();
            String name;
            while ((name = parser.nextFieldName()) != null) {
                JsonToken token = parser.nextToken();
                switch (name) {
                    case "certificate" -> members.single = scalar(parser, token);
                    case "certificates" -> members.certificates = token == JsonToken.START_ARRAY
                            ? elements(parser, false) : scalar(parser, token);
                    case "serials" -> members.serials = token == JsonToken.START_ARRAY
                            ? elements(parser, true) : scalar(parser, token);
                    default -> skipValue(parser);
                }
            }
            if (parser.currentToken() != JsonToken.END_OBJECT) {
                throw new IOException("unexpected token");
            }
            return members;
        }

        /** A string, null for JSON null, {@link #OTHER} for anything else (read through). */
        private static Object scalar(JsonParser parser, JsonToken token) throws IOException {
            if (token == JsonToken.VALUE_STRING) {
                return parser.getText();
            }
            if (token == JsonToken.VALUE_NULL) {
                return null;
            }
            skipValue(parser);
            return OTHER;
        }

        /**
         * An array's elements: strings ({@code pairs} false) or what {@link SerialPairReader} makes of
         * objects ({@code pairs} true); anything else {@link #OTHER}. Past {@link #MAX_ITEMS} only
         * counted (the request is refused as too large): the list then holds MAX_ITEMS + 1 entries and
         * {@code count} the true size.
         */
        private static Elements elements(JsonParser parser, boolean pairs) throws IOException {
            Elements elements = new Elements();
            SerialPairReader pairReader = pairs ? new SerialPairReader() : null;
            JsonToken token;
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                if (token == null) {
                    throw new IOException("unterminated array");
                }
                Object value;
                if (pairs && token == JsonToken.START_OBJECT) {
                    value = pairReader.read(parser);
                } else if (!pairs && token == JsonToken.VALUE_STRING) {
                    value = parser.getText();
                } else {
                    skipValue(parser);
                    value = OTHER;
                }
                if (elements.count++ <= MAX_ITEMS) {
                    elements.values.add(value);
                }
            }
            return elements;
        }

        CheckRequest toRequest() {
            int present = (single != null ? 1 : 0) + (certificates != null ? 1 : 0) + (serials != null ? 1 : 0);
            if (present != 1) {
                throw Problem.INVALID_REQUEST.withDetail(
                        "the body must have exactly one of \"certificate\", \"certificates\" or \"serials\"").exception();
            }
            if (single != null) {
                return new CheckRequest(List.of(certificate(single, "certificate", -1)));
            }
            String member = certificates != null ? "certificates" : "serials";
            Object value = certificates != null ? certificates : serials;
            if (!(value instanceof Elements array)) {
                throw Problem.INVALID_REQUEST.withDetail(member + ": must be an array").exception();
            }
            if (array.count == 0) {
                throw Problem.INVALID_REQUEST.withDetail(member + ": must have at least one item").exception();
            }
            if (array.count > MAX_ITEMS) {
                throw Problem.BATCH_TOO_LARGE.withDetail(member + ": at most " + MAX_ITEMS + " items, got " + array.count)
                        .exception();
            }
            List<CheckItem> items = new ArrayList<>(array.count);
            for (int i = 0; i < array.count; i++) {
                Object element = array.values.get(i);
                items.add(certificates != null ? certificate(element, member, i) : serialPair(element, i));
            }
            return new CheckRequest(items);
        }
    }

    private static final class Elements {
        final List<Object> values = new ArrayList<>();
        int count;
    }

    /** Reads through the value at the current token, as the tree parser would (strings and numbers decoded). */
    static void skipValue(JsonParser parser) throws IOException {
        int depth = 0;
        JsonToken token = parser.currentToken();
        while (true) {
            if (token == null) {
                throw new IOException("unexpected end");
            }
            switch (token) {
                case START_OBJECT, START_ARRAY -> depth++;
                case END_OBJECT, END_ARRAY -> depth--;
                case VALUE_STRING -> parser.getText();
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getNumberValue();
                case FIELD_NAME, VALUE_TRUE, VALUE_FALSE, VALUE_NULL -> { }
                default -> throw new IOException("unexpected token " + token);
            }
            if (depth == 0) {
                return;
            }
            token = parser.nextToken();
        }
    }

    private static CheckItem serialPair(Object element, int index) {
        if (element instanceof CheckItem item) {
            return item;
        }
        if (element == SerialPairReader.Invalid.ISSUER) {
            throw invalidIssuer(index);
        }
        if (element == SerialPairReader.Invalid.SERIAL) {
            throw invalidSerial(index);
        }
        throw invalid(Problem.INVALID_SERIAL, "serials", index, "must be an object with \"issuer\" and \"serial\"");
    }

    /** Parses an already decoded JSON object. */
    public static CheckRequest parse(JsonObject body) {
        Object single = body.getValue("certificate");
        Object certificates = body.getValue("certificates");
        Object serials = body.getValue("serials");
        int present = (single != null ? 1 : 0) + (certificates != null ? 1 : 0) + (serials != null ? 1 : 0);
        if (present != 1) {
            throw Problem.INVALID_REQUEST.withDetail(
                    "the body must have exactly one of \"certificate\", \"certificates\" or \"serials\"").exception();
        }
        if (single != null) {
            return new CheckRequest(List.of(certificate(single, "certificate", -1)));
        }
        String member = certificates != null ? "certificates" : "serials";
        JsonArray array = array(certificates != null ? certificates : serials, member);
        List<CheckItem> items = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            Object value = array.getValue(i);
            items.add(certificates != null ? certificate(value, member, i) : serial(value, i));
        }
        return new CheckRequest(items);
    }

    private static JsonArray array(Object value, String member) {
        if (!(value instanceof JsonArray array)) {
            throw Problem.INVALID_REQUEST.withDetail(member + ": must be an array").exception();
        }
        if (array.isEmpty()) {
            throw Problem.INVALID_REQUEST.withDetail(member + ": must have at least one item").exception();
        }
        if (array.size() > MAX_ITEMS) {
            throw Problem.BATCH_TOO_LARGE.withDetail(member + ": at most " + MAX_ITEMS + " items, got " + array.size())
                    .exception();
        }
        return array;
    }

    /**
     * The DER walk of the base64 text in {@code bytes[start, end)}, or null where
     * {@link #certificate(Object, String, int)} reports a problem for the same text as a String.
     */
    static CertificateDer certificateDerOrNull(byte[] bytes, int start, int end) {
        try {
            return CertificateDer.parse(base64(bytes, start, end));
        } catch (CertificateDer.Malformed | RuntimeException e) {
            return null;
        }
    }

    private static CheckItem certificate(Object value, String member, int index) {
        if (!(value instanceof String text)) {
            throw invalid(Problem.INVALID_CERTIFICATE, member, index, "must be a base64 string");
        }
        byte[] der;
        try {
            der = base64(text);
        } catch (IllegalArgumentException e) {
            throw invalid(Problem.INVALID_CERTIFICATE, member, index, "not base64");
        }
        return certificate(der, member, index);
    }

    private static CheckItem certificate(byte[] der, String member, int index) {
        try {
            return new CheckItem.OfCertificate(CertificateDer.parse(der));
        } catch (CertificateDer.Malformed | RuntimeException e) {
            throw invalid(Problem.INVALID_CERTIFICATE, member, index, "not a DER certificate");
        }
    }

    private static CheckItem serial(Object value, int index) {
        if (!(value instanceof JsonObject pair)) {
            throw invalid(Problem.INVALID_SERIAL, "serials", index, "must be an object with \"issuer\" and \"serial\"");
        }
        return serial(pair.getValue("issuer") instanceof String issuer ? issuer : null,
                pair.getValue("serial") instanceof String serial ? serial : null, index);
    }

    private static CheckItem serial(String issuerHex, String serial, int index) {
        IssuerKey issuer;
        try {
            issuer = new IssuerKey(issuerHex);
        } catch (RuntimeException e) {
            throw invalidIssuer(index);
        }
        if (serial == null || !hexDigits(serial, 40)) {
            throw invalidSerial(index);
        }
        return new CheckItem.OfSerial(issuer, hexValue(serial));
    }

    private static ProblemException invalidIssuer(int index) {
        return invalid(Problem.INVALID_SERIAL, "serials", index,
                "issuer must be a key identifier: an even number of hex digits, at most 128");
    }

    private static ProblemException invalidSerial(int index) {
        return invalid(Problem.INVALID_SERIAL, "serials", index, "serial must be 1 to 40 hex digits");
    }

    /**
     * Standard base64, or URL-safe when the text has a {@code -} or {@code _}. The standard decoder
     * is tried first: it refuses both characters, so a text it decodes has neither, and only a text it
     * refuses is scanned for them (no scan of every certificate).
     */
    private static byte[] base64(String text) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            if (text.indexOf('-') >= 0 || text.indexOf('_') >= 0) {
                return Base64.getUrlDecoder().decode(text);
            }
            throw e;
        }
    }

    /**
     * {@link #base64(String)} of the ISO-8859-1 text in {@code bytes[start, end)}, decoded from the
     * bytes in place (the same decoders, so the same outcome).
     */
    private static byte[] base64(byte[] bytes, int start, int end) {
        ByteBuffer text = ByteBuffer.wrap(bytes, start, end - start);
        ByteBuffer decoded;
        try {
            decoded = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            if (!urlSafe(bytes, start, end)) {
                throw e;
            }
            decoded = Base64.getUrlDecoder().decode(text);
        }
        byte[] array = decoded.array();
        return decoded.arrayOffset() == 0 && decoded.position() == 0 && decoded.remaining() == array.length ? array
                : Arrays.copyOfRange(array, decoded.arrayOffset() + decoded.position(),
                        decoded.arrayOffset() + decoded.limit());
    }

    private static boolean urlSafe(byte[] bytes, int start, int end) {
        for (int i = start; i < end; i++) {
            if (bytes[i] == '-' || bytes[i] == '_') {
                return true;
            }
        }
        return false;
    }

    /** The value of validated hex digits: up to 15 without BigInteger's general parser. */
    private static BigInteger hexValue(String digits) {
        if (digits.length() > 15) {
            return new BigInteger(digits, 16);
        }
        long value = 0;
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            value = (value << 4) | (c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
        }
        return BigInteger.valueOf(value);
    }

    /** 1 to {@code max} hex digits (either case). */
    private static boolean hexDigits(String text, int max) {
        if (text.isEmpty() || text.length() > max) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (Character.digit(text.charAt(i), 16) < 0 || text.charAt(i) > 'f') {
                return false;
            }
        }
        return true;
    }

    private static ProblemException invalid(Problem problem, String member, int index, String detail) {
        return (index < 0 ? problem.withDetail(member + ": " + detail) : problem.at(member, index, detail)).exception();
    }
}
