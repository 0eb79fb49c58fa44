package jp.jpkigate.revocation.web;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import jp.jpkigate.revocation.service.IssuerKey;

/**
 * The two usual request bodies read straight from their bytes, without a JSON parser:
 * <pre>
 * {"certificate":"&lt;base64&gt;"}
 * {"serials":[{"issuer":"&lt;hex&gt;","serial":"&lt;hex&gt;"}, ...]}
 * </pre>
 * JSON whitespace between tokens; the certificate in plain base64 characters (no escapes) that decode to
 * a DER certificate; each pair's two members once each in either order, 1 to
 * {@link CheckRequest#MAX_ITEMS} elements, every issuer and serial valid plain hex (no escapes).
 * Anything else, from another member or an escape to a mistake to report, gives null and the general
 * parser judges the body: what this returns is the request that parser makes of the same body.
 */
final class UsualRequestScanner {
    private static final int REMEMBERED = 4;

    private final byte[] bytes;
    private final int end;
    private int pos;
    private final int[] issuerStarts = new int[REMEMBERED];
    private final int[] issuerLengths = new int[REMEMBERED];
    private final IssuerKey[] issuerKeys = new IssuerKey[REMEMBERED];
    private int nextSlot;

    private UsualRequestScanner(byte[] bytes, int offset, int length) {
        this.bytes = bytes;
        this.pos = offset;
        this.end = offset + length;
    }

    /** The request, or null when the body is not the usual batch (the general parser then decides). */
    static CheckRequest scan(byte[] bytes, int offset, int length) {
        return new UsualRequestScanner(bytes, offset, length).request();
    }

    private CheckRequest request() {
        if (!token('{')) {
            return null;
        }
        int member = pos;
        if (name("certificate")) {
            return certificate();
        }
        pos = member;
        if (!name("serials") || !token(':') || !token('[')) {
            return null;
        }
        List<CheckItem> items = new ArrayList<>();
        do {
            CheckItem item = pair();
            if (item == null || items.size() == CheckRequest.MAX_ITEMS) {
                return null;
            }
            items.add(item);
        } while (token(','));
        if (!token(']') || !token('}')) {
            return null;
        }
        whitespace();
        return pos == end ? new CheckRequest(items) : null;
    }

    /** After the member name: {@code :"<base64>"}, the end of the object and of the body. */
    private CheckRequest certificate() {
        if (!token(':')) {
            return null;
        }
        whitespace();
        if (pos >= end || bytes[pos] != '"') {
            return null;
        }
        int start = pos + 1;
        int i = start;
        while (i < end && base64Character(bytes[i])) {
            i++;
        }
        if (i >= end || bytes[i] != '"') {
            return null;
        }
        pos = i + 1;
        if (!token('}')) {
            return null;
        }
        whitespace();
        if (pos != end) {
            return null;
        }
        CheckItem item = CheckRequest.certificateOrNull(new String(bytes, start, i - start, StandardCharsets.ISO_8859_1));
        return item == null ? null : new CheckRequest(List.of(item));
    }

    /** Either base64 alphabet and padding (RFC 4648 4 and 5): a table, no branch per character class. */
    private static boolean base64Character(byte b) {
        return BASE64_CHARACTER[b & 0xFF];
    }

    private static final boolean[] BASE64_CHARACTER = new boolean[256];

    static {
        for (char c : "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_=".toCharArray()) {
            BASE64_CHARACTER[c] = true;
        }
    }

    private CheckItem pair() {
        if (!token('{')) {
            return null;
        }
        IssuerKey issuer = null;
        BigInteger serial = null;
        for (int member = 0; member < 2; member++) {
            if (member == 1 && !token(',')) {
                return null;
            }
            if (issuer == null && name("issuer")) {
                if (!token(':') || (issuer = issuer()) == null) {
                    return null;
                }
            } else if (serial == null && name("serial")) {
                if (!token(':') || (serial = serial()) == null) {
                    return null;
                }
            } else {
                return null;
            }
        }
        return token('}') ? new CheckItem.OfSerial(issuer, serial) : null;
    }

    /** After whitespace, {@code c}: consumed (true), or nothing consumed but the whitespace (false). */
    private boolean token(char c) {
        whitespace();
        if (pos < end && bytes[pos] == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void whitespace() {
        while (pos < end && (bytes[pos] == ' ' || bytes[pos] == '\n' || bytes[pos] == '\r' || bytes[pos] == '\t')) {
            pos++;
        }
    }

    /** After whitespace, the member name {@code "name"} exactly (ASCII, no escapes). */
    private boolean name(String name) {
        whitespace();
        int length = name.length();
        if (end - pos < length + 2 || bytes[pos] != '"' || bytes[pos + length + 1] != '"') {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (bytes[pos + 1 + i] != name.charAt(i)) {
                return false;
            }
        }
        pos += length + 2;
        return true;
    }

    /** After whitespace, a string of hex digits only: its length (pos after the closing quote), or -1. */
    private int hexString() {
        whitespace();
        if (pos >= end || bytes[pos] != '"') {
            return -1;
        }
        int start = pos + 1;
        int i = start;
        while (i < end && SerialPairReader.nibble((char) (bytes[i] & 0xff)) >= 0) {
            i++;
        }
        if (i >= end || bytes[i] != '"') {
            return -1;
        }
        pos = i + 1;
        return i - start;
    }

    private IssuerKey issuer() {
        int length = hexString();
        if (length <= 0 || length > 128 || length % 2 != 0) {
            return null;
        }
        int start = pos - 1 - length;
        for (int slot = 0; slot < REMEMBERED; slot++) {
            if (issuerKeys[slot] != null && issuerLengths[slot] == length
                    && Arrays.equals(bytes, issuerStarts[slot], issuerStarts[slot] + length, bytes, start, start + length)) {
                return issuerKeys[slot];
            }
        }
        IssuerKey key = new IssuerKey(new String(bytes, start, length, StandardCharsets.ISO_8859_1));
        issuerStarts[nextSlot] = start;
        issuerLengths[nextSlot] = length;
        issuerKeys[nextSlot] = key;
        nextSlot = (nextSlot + 1) % REMEMBERED;
        return key;
    }

    private BigInteger serial() {
        int length = hexString();
        if (length <= 0 || length > 40) {
            return null;
        }
        int start = pos - 1 - length;
        if (length > 15) {
            return new BigInteger(new String(bytes, start, length, StandardCharsets.ISO_8859_1), 16);
        }
        long value = 0;
        for (int i = start; i < start + length; i++) {
            value = (value << 4) | SerialPairReader.nibble((char) bytes[i]);
        }
        return BigInteger.valueOf(value);
    }
}
