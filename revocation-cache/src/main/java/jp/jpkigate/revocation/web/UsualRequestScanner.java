package jp.jpkigate.revocation.web;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import jp.jpkigate.revocation.service.IssuerKey;

/**
 * The usual request bodies read straight from their bytes, without a JSON parser:
 * <pre>
 * {"certificate":"&lt;base64&gt;"}
 * {"certificates":["&lt;base64&gt;", ...]}
 * {"serials":[{"issuer":"&lt;hex&gt;","serial":"&lt;hex&gt;"}, ...]}
 * </pre>
 * JSON whitespace between tokens; each certificate in plain base64 characters (no escapes) that decode to
 * a DER certificate, decoded from the body's bytes (no String); each pair's two members once each in
 * either order; 1 to {@link CheckRequest#MAX_ITEMS} elements, every issuer and serial valid plain hex
 * (no escapes).
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
    private final byte[][] authorityKeyIds = new byte[REMEMBERED][];
    private final IssuerKey[] authorityKeys = new IssuerKey[REMEMBERED];
    private int nextAuthority;

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
        if (name("certificates")) {
            return array(this::certificateString);
        }
        pos = member;
        return name("serials") ? array(this::pair) : null;
    }

    /** After the member name: {@code :"<base64>"}, the end of the object and of the body. */
    private CheckRequest certificate() {
        if (!token(':')) {
            return null;
        }
        CheckItem item = certificateString();
        if (item == null || !token('}')) {
            return null;
        }
        whitespace();
        return pos == end ? new CheckRequest(List.of(item)) : null;
    }

    /**
     * After the member name: {@code :[element, ...]} of 1 to {@link CheckRequest#MAX_ITEMS} elements
     * ({@code element} reads one, null for anything else), the end of the object and of the body.
     */
    private CheckRequest array(Supplier<CheckItem> element) {
        if (!token(':') || !token('[')) {
            return null;
        }
        List<CheckItem> items = new ArrayList<>();
        do {
            CheckItem item = items.size() == CheckRequest.MAX_ITEMS ? null : element.get();
            if (item == null) {
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

    /**
     * After whitespace, a string of base64 characters that decodes to a DER certificate: its item (pos
     * after the closing quote), or null. The closing quote is looked for first where the certificate's
     * own length (in its first six octets) puts it, so the text is read once, by the decoder; the decoder
     * refuses a quote, so a text it decodes ends at the first quote. Else the text is scanned for it.
     */
    private CheckItem certificateString() {
        whitespace();
        if (pos >= end || bytes[pos] != '"') {
            return null;
        }
        int start = pos + 1;
        int close = predictedClose(start);
        if (close < 0) {
            close = start;
            while (close < end && base64Character(bytes[close])) {
                close++;
            }
            if (close >= end || bytes[close] != '"') {
                return null;
            }
        }
        pos = close + 1;
        CertificateDer der = CheckRequest.certificateDerOrNull(bytes, start, close);
        return der == null ? null : new CheckItem.OfCertificate(der, authorityKey(der.authorityKeyId));
    }

    /** The six-bit value of a character of either base64 alphabet, -1 for any other. */
    private static final byte[] SIXBITS = new byte[256];

    static {
        Arrays.fill(SIXBITS, (byte) -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        for (int i = 0; i < alphabet.length(); i++) {
            SIXBITS[alphabet.charAt(i)] = (byte) i;
        }
        SIXBITS['+'] = SIXBITS['-'] = 62;
        SIXBITS['/'] = SIXBITS['_'] = 63;
    }

    /**
     * Where the closing quote of a base64 DER SEQUENCE starting at {@code start} is when the text is
     * exactly that SEQUENCE, unpadded or padded (the length octets are in the first eight characters), if
     * a quote is there; else -1.
     */
    private int predictedClose(int start) {
        if (end - start < 8) {
            return -1;
        }
        long octets = 0;
        for (int i = start; i < start + 8; i++) {
            int value = SIXBITS[bytes[i] & 0xff];
            if (value < 0) {
                return -1;
            }
            octets = (octets << 6) | value;
        }
        if ((octets >>> 40) != 0x30) {
            return -1;
        }
        int first = (int) (octets >>> 32) & 0xff;
        long length = switch (first) {
            case 0x81 -> 3 + ((octets >>> 24) & 0xff);
            case 0x82 -> 4 + ((octets >>> 16) & 0xffff);
            case 0x83 -> 5 + ((octets >>> 8) & 0xff_ffff);
            default -> first < 0x80 ? 2 + first : -1;
        };
        if (length < 0) {
            return -1;
        }
        // Unpadded first: a padded text has '=' where the unpadded one ends.
        long unpadded = start + (length * 4 + 2) / 3;
        long padded = start + (length + 2) / 3 * 4;
        if (unpadded < end && bytes[(int) unpadded] == '"') {
            return (int) unpadded;
        }
        return padded < end && bytes[(int) padded] == '"' ? (int) padded : -1;
    }

    /** The issuer of an AuthorityKeyIdentifier keyIdentifier, made once per key among the last few seen. */
    private IssuerKey authorityKey(byte[] keyId) {
        if (keyId == null) {
            return null;
        }
        for (int slot = 0; slot < REMEMBERED; slot++) {
            if (authorityKeyIds[slot] != null && Arrays.equals(authorityKeyIds[slot], keyId)) {
                return authorityKeys[slot];
            }
        }
        IssuerKey key = IssuerKey.of(keyId);
        authorityKeyIds[nextAuthority] = keyId;
        authorityKeys[nextAuthority] = key;
        nextAuthority = (nextAuthority + 1) % REMEMBERED;
        return key;
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
