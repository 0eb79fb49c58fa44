package jp.jpkigate.revocation.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;
import jp.jpkigate.revocation.service.IssuerKey;

/**
 * Reads the elements of a {@code "serials"} array, {@code {"issuer": key id hex, "serial": hex}},
 * straight from the parser's character buffer into {@link CheckItem.OfSerial}: no String per member,
 * the issuer's key decoded once per issuer text among the last four seen (a batch has a few issuers). The judgement is the one {@link CheckRequest} gives a {@code String[2]} pair: of each
 * member the last occurrence counts, a value that is not a string counts as absent; the issuer is
 * judged before the serial. An element's problem is returned, not thrown: the request judges the
 * whole body before any element.
 */
final class SerialPairReader {
    /** Why an element is not a pair, in the order the request judges them. */
    enum Invalid {
        ISSUER, SERIAL
    }

    /** Issuers remembered: a batch mixes a few (a card's authentication and signature CAs). */
    private static final int REMEMBERED = 4;

    private final char[][] issuerTexts = new char[REMEMBERED][];
    private final IssuerKey[] issuerKeys = new IssuerKey[REMEMBERED];
    private int nextSlot;

    /**
     * The object at the parser's current {@code START_OBJECT}: a {@link CheckItem.OfSerial}, or the
     * {@link Invalid} member that makes it no pair. Leaves the parser at its {@code END_OBJECT}.
     */
    Object read(JsonParser parser) throws IOException {
        IssuerKey issuer = null;
        BigInteger serial = null;
        String name;
        while ((name = parser.nextFieldName()) != null) {
            JsonToken token = parser.nextToken();
            boolean isIssuer = name.equals("issuer");
            if (!isIssuer && !name.equals("serial")) {
                CheckRequest.skipValue(parser);
                continue;
            }
            boolean text = token == JsonToken.VALUE_STRING;
            if (!text && token != JsonToken.VALUE_NULL) {
                CheckRequest.skipValue(parser);
            }
            if (isIssuer) {
                issuer = text ? issuer(parser) : null;
            } else {
                serial = text ? serial(parser) : null;
            }
        }
        if (parser.currentToken() != JsonToken.END_OBJECT) {
            throw new IOException("unexpected token");
        }
        if (issuer == null) {
            return Invalid.ISSUER;
        }
        return serial == null ? Invalid.SERIAL : new CheckItem.OfSerial(issuer, serial);
    }

    /** The key of the current string token, null when it is not an even number of hex digits, at most 128. */
    private IssuerKey issuer(JsonParser parser) throws IOException {
        char[] chars = parser.getTextCharacters();
        int offset = parser.getTextOffset();
        int length = parser.getTextLength();
        for (int slot = 0; slot < REMEMBERED; slot++) {
            char[] known = issuerTexts[slot];
            if (known != null && known.length == length && Arrays.equals(chars, offset, offset + length, known, 0, length)) {
                return issuerKeys[slot];
            }
        }
        if (length == 0 || length > 128 || length % 2 != 0) {
            return null;
        }
        for (int i = offset; i < offset + length; i++) {
            if (nibble(chars[i]) < 0) {
                return null;
            }
        }
        IssuerKey key = new IssuerKey(new String(chars, offset, length));
        issuerTexts[nextSlot] = Arrays.copyOfRange(chars, offset, offset + length);
        issuerKeys[nextSlot] = key;
        nextSlot = (nextSlot + 1) % REMEMBERED;
        return key;
    }

    /** The value of the current string token, null when it is not 1 to 40 hex digits (RFC 5280 4.1.2.2). */
    private static BigInteger serial(JsonParser parser) throws IOException {
        char[] chars = parser.getTextCharacters();
        int offset = parser.getTextOffset();
        int length = parser.getTextLength();
        if (length == 0 || length > 40) {
            return null;
        }
        long value = 0;
        for (int i = offset; i < offset + length; i++) {
            int digit = nibble(chars[i]);
            if (digit < 0) {
                return null;
            }
            value = (value << 4) | digit;
        }
        return length <= 15 ? BigInteger.valueOf(value) : new BigInteger(new String(chars, offset, length), 16);
    }

    /** An ASCII hex digit's value, -1 for anything else. */
    static int nibble(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }
}
