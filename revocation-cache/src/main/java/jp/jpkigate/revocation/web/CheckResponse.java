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
import java.util.Optional;
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
     * bytes up to its serial depend only on its result, and a batch answered from one CRL has a handful
     * of distinct results: they are encoded once per run of equal results, as is the issuer.
     */
    Buffer toBuffer() {
        Bytes out = new Bytes(64 + items.size() * 200);
        out.ascii("{\"results\":[");
        CheckResult lastResult = null;
        byte[] prefix = null;
        IssuerKey lastIssuer = null;
        byte[] issuerSuffix = null;
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                out.put((byte) ',');
            }
            CheckResult result = results.get(i);
            if (!result.equals(lastResult)) {
                lastResult = result;
                prefix = prefix(result);
            }
            out.put(prefix);
            CheckItem item = items.get(i);
            hex(out, item.serial());
            Optional<IssuerKey> issuer = item.issuer();
            if (issuer.isPresent()) {
                if (!issuer.get().equals(lastIssuer)) {
                    lastIssuer = issuer.get();
                    issuerSuffix = ("\",\"issuer\":\"" + lastIssuer.keyIdHex() + "\"}").getBytes(StandardCharsets.UTF_8);
                }
                out.put(issuerSuffix);
            } else {
                out.put(END_WITHOUT_ISSUER);
            }
        }
        out.ascii("],\"checkedAt\":\"" + checkedAt + "\"}");
        return BufferInternal.buffer(Unpooled.wrappedBuffer(out.bytes, 0, out.size));
    }

    private static final byte[] END_WITHOUT_ISSUER = "\"}".getBytes(StandardCharsets.US_ASCII);

    /** An item's bytes from its opening brace to the opening quote of its serial. */
    private byte[] prefix(CheckResult result) {
        StringBuilder out = new StringBuilder(160);
        out.append("{\"status\":");
        if (result instanceof CheckResult.Unknown unknown) {
            out.append("\"unknown\",\"detail\":");
            string(out, unknown.why());
        } else {
            CheckResult.Source source;
            long version;
            Instant asOf;
            if (result instanceof CheckResult.Good good) {
                out.append("\"good\"");
                source = good.source();
                version = good.version();
                asOf = good.asOf();
            } else {
                CheckResult.Revoked revoked = (CheckResult.Revoked) result;
                out.append("\"revoked\",\"reason\":\"").append(reasonName(revoked.reason()))
                        .append("\",\"revocationDate\":\"").append(revoked.revocationDate()).append('"');
                source = revoked.source();
                version = revoked.version();
                asOf = revoked.asOf();
            }
            long age = Math.max(0, Duration.between(asOf, checkedAt).getSeconds());
            out.append(",\"source\":\"").append(source == CheckResult.Source.CRL ? "crl" : "ocsp")
                    .append("\",\"dataVersion\":").append(version)
                    .append(",\"dataAsOf\":\"").append(asOf)
                    .append("\",\"dataAgeSeconds\":").append(age);
        }
        out.append(",\"serial\":\"");
        return out.toString().getBytes(StandardCharsets.UTF_8);
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
