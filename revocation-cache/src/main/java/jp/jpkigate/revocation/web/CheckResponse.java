package jp.jpkigate.revocation.web;

import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import jp.jpkigate.revocation.index.CrlReason;
import jp.jpkigate.revocation.service.CheckResult;
import jp.jpkigate.revocation.service.IssuerKey;

/**
 * The answer of {@code POST /revocation/v1/check}, one result per item in request order:
 * <pre>
 * {"results": [{"status": "good" | "revoked" | "unknown",
 *               "reason": "affiliationChanged",        revoked: RFC 5280 5.3.1 name
 *               "revocationDate": "2026-11-19",        revoked: UTC day
 *               "source": "crl" | "ocsp", "dataVersion": 7,
 *               "dataAsOf": "2026-11-20T02:00:00Z", "dataAgeSeconds": 3600,
 *               "detail": "...",                       unknown only: why (fail closed)
 *               "serial": "1A2B", "issuer": "AB12..."}],   upper-case hex; issuer when known
 *  "checkedAt": "2026-11-20T03:00:00Z"}
 * </pre>
 */
record CheckResponse(List<CheckItem> items, List<CheckResult> results, Instant checkedAt) {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /** The JSON tree (tests and tools); {@link #toBuffer} writes the same document without one. */
    JsonObject toJson() {
        return new JsonObject(toBuffer());
    }

    /**
     * The UTF-8 JSON document, written straight into a pre-sized byte array: the members in the order
     * shown above, the same bytes Jackson writes for the equivalent {@link JsonObject} tree. An item's
     * bytes up to its serial depend only on its result, and a batch answered from a few CRLs has a
     * handful of distinct results: each is encoded once per response (the first {@link #REMEMBERED}
     * distinct ones; later ones each time), as is each issuer.
     */
    Buffer toBuffer() {
        Bytes out = new Bytes(64 + items.size() * 200);
        out.put(RESULTS_START);
        // Object[] both: one array type at the array stores in encoded (no type-check deoptimization).
        Object[] knownResults = new Object[REMEMBERED];
        byte[][] prefixes = new byte[REMEMBERED][];
        Object[] knownIssuers = new Object[REMEMBERED];
        byte[][] issuerSuffixes = new byte[REMEMBERED][];
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                out.put((byte) ',');
            }
            out.put(encoded(results.get(i), knownResults, prefixes, this::prefix));
            CheckItem item = items.get(i);
            hex(out, item.serial());
            IssuerKey issuer = item instanceof CheckItem.OfSerial pair ? pair.key() : item.issuer().orElse(null);
            out.put(issuer == null ? END_WITHOUT_ISSUER
                    : encoded(issuer, knownIssuers, issuerSuffixes, CheckResponse::issuerSuffix));
        }
        out.put(CHECKED_AT);
        InstantText.write(out, checkedAt);
        out.put(DOCUMENT_END);
        return BufferInternal.buffer(Unpooled.wrappedBuffer(out.bytes, 0, out.size));
    }

    /** Distinct results and issuers encoded once per response. */
    private static final int REMEMBERED = 8;
    private static final byte[] RESULTS_START = ascii("{\"results\":[");
    private static final byte[] CHECKED_AT = ascii("],\"checkedAt\":\"");
    private static final byte[] DOCUMENT_END = ascii("\"}");
    private static final byte[] END_WITHOUT_ISSUER = ascii("\"}");
    private static final byte[] STATUS_GOOD = ascii("{\"status\":\"good\"");
    private static final byte[] SOURCE_CRL = ascii(",\"source\":\"crl\",\"dataVersion\":");
    private static final byte[] SOURCE_OCSP = ascii(",\"source\":\"ocsp\",\"dataVersion\":");
    private static final byte[] DATA_AS_OF = ascii(",\"dataAsOf\":\"");
    private static final byte[] DATA_AGE = ascii("\",\"dataAgeSeconds\":");
    private static final byte[] SERIAL = ascii(",\"serial\":\"");

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** The encoding of {@code key} from the ones already made in this response, or {@code encode}'s, remembered if there is room. */
    private static <K> byte[] encoded(K key, Object[] known, byte[][] encodings, Function<K, byte[]> encode) {
        int free = -1;
        for (int i = 0; i < known.length; i++) {
            if (known[i] == null) {
                free = i;
                break;
            }
            if (known[i] == key || known[i].equals(key)) {
                return encodings[i];
            }
        }
        byte[] encoding = encode.apply(key);
        if (free >= 0) {
            known[free] = key;
            encodings[free] = encoding;
        }
        return encoding;
    }

    private static byte[] issuerSuffix(IssuerKey issuer) {
        return ("\",\"issuer\":\"" + issuer.keyIdHex() + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    /** An item's bytes from its opening brace to the opening quote of its serial. */
    private byte[] prefix(CheckResult result) {
        Bytes out = new Bytes(192);
        if (result instanceof CheckResult.Unknown unknown) {
            StringBuilder text = new StringBuilder(160).append("{\"status\":\"unknown\",\"detail\":");
            string(text, unknown.why());
            out.ascii(text.toString());
            out.put(SERIAL);
            return Arrays.copyOf(out.bytes, out.size);
        }
        CheckResult.Source source;
        long version;
        Instant asOf;
        if (result instanceof CheckResult.Good good) {
            out.put(STATUS_GOOD);
            source = good.source();
            version = good.version();
            asOf = good.asOf();
        } else {
            CheckResult.Revoked revoked = (CheckResult.Revoked) result;
            out.ascii("{\"status\":\"revoked\",\"reason\":\"" + reasonName(revoked.reason())
                    + "\",\"revocationDate\":\"" + revoked.revocationDate() + '"');
            source = revoked.source();
            version = revoked.version();
            asOf = revoked.asOf();
        }
        long age = Math.max(0, Duration.between(asOf, checkedAt).getSeconds());
        out.put(source == CheckResult.Source.CRL ? SOURCE_CRL : SOURCE_OCSP);
        out.ascii(Long.toString(version));
        out.put(DATA_AS_OF);
        InstantText.write(out, asOf);
        out.put(DATA_AGE);
        out.ascii(Long.toString(age));
        out.put(SERIAL);
        return Arrays.copyOf(out.bytes, out.size);
    }

    /** A growable byte array. */
    static final class Bytes {
        byte[] bytes;
        int size;

        Bytes(int capacity) {
            bytes = new byte[capacity];
        }

        void ensure(int more) {
            if (size + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
        }

        void put(byte b) {
            ensure(1);
            bytes[size++] = b;
        }

        void put(byte[] b) {
            ensure(b.length);
            System.arraycopy(b, 0, bytes, size, b.length);
            size += b.length;
        }

        void ascii(String text) {
            put(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static final byte[] HEX_BYTES = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    /** Upper-case hex as {@code BigInteger.toString(16).toUpperCase(Locale.ROOT)} spells it. */
    static void hex(Bytes out, BigInteger value) {
        if (value.signum() >= 0 && value.bitLength() < 64) {
            long v = value.longValue();
            int nibbles = Math.max(1, (64 - Long.numberOfLeadingZeros(v) + 3) / 4);
            out.ensure(nibbles);
            for (int shift = (nibbles - 1) * 4; shift >= 0; shift -= 4) {
                out.bytes[out.size++] = HEX_BYTES[(int) (v >>> shift) & 0xF];
            }
            return;
        }
        StringBuilder text = new StringBuilder();
        hex(text, value);
        out.ascii(text.toString());
    }

    /** Upper-case hex as {@code BigInteger.toString(16).toUpperCase(Locale.ROOT)} spells it. */
    static void hex(StringBuilder out, BigInteger value) {
        if (value.signum() < 0) {
            out.append(value.toString(16).toUpperCase(Locale.ROOT));
            return;
        }
        if (value.bitLength() < 64) {
            long v = value.longValue();
            int nibbles = Math.max(1, (64 - Long.numberOfLeadingZeros(v) + 3) / 4);
            for (int shift = (nibbles - 1) * 4; shift >= 0; shift -= 4) {
                out.append(HEX[(int) (v >>> shift) & 0xF]);
            }
            return;
        }
        byte[] bytes = value.toByteArray();
        boolean leading = true;
        for (byte b : bytes) {
            int high = (b >> 4) & 0xF;
            int low = b & 0xF;
            if (!leading || high != 0) {
                out.append(HEX[high]);
                leading = false;
            }
            if (!leading || low != 0) {
                out.append(HEX[low]);
                leading = false;
            }
        }
        if (leading) {
            out.append('0');
        }
    }

    /** A JSON string; anything that needs escaping is left to Jackson, so the bytes are Jackson's. */
    static void string(StringBuilder out, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\' || Character.isSurrogate(c)) {
                out.append(Json.encode(text));
                return;
            }
        }
        out.append('"').append(text).append('"');
    }

    /** The RFC 5280 5.3.1 spelling of a CRLReason. */
    static String reasonName(CrlReason reason) {
        return switch (reason) {
            case UNSPECIFIED -> "unspecified";
            case KEY_COMPROMISE -> "keyCompromise";
            case CA_COMPROMISE -> "cACompromise";
            case AFFILIATION_CHANGED -> "affiliationChanged";
            case SUPERSEDED -> "superseded";
            case CESSATION_OF_OPERATION -> "cessationOfOperation";
            case CERTIFICATE_HOLD -> "certificateHold";
            case REMOVE_FROM_CRL -> "removeFromCRL";
            case PRIVILEGE_WITHDRAWN -> "privilegeWithdrawn";
            case AA_COMPROMISE -> "aACompromise";
        };
    }
}
