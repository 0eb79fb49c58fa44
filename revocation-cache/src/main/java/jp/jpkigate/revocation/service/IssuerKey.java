package jp.jpkigate.revocation.service;

import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * Names a CA generation by its key, never by its DN (all JPKI generations of a hierarchy share one
 * DN): the key identifier that subscriber certificates carry in their AuthorityKeyIdentifier and
 * the CA in its SubjectKeyIdentifier (RFC 5280 4.2.1.1 / 4.2.1.2), as upper-case hex.
 */
public record IssuerKey(String keyIdHex) {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    public IssuerKey {
        Objects.requireNonNull(keyIdHex, "keyIdHex");
        keyIdHex = keyIdHex.toUpperCase(Locale.ROOT);
        if (keyIdHex.isEmpty() || keyIdHex.length() > 128 || !upperHex(keyIdHex) || keyIdHex.length() % 2 != 0) {
            throw new IllegalArgumentException("an issuer key id is 1 to 64 bytes of hex");
        }
    }

    private static boolean upperHex(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < '0' || c > '9') && (c < 'A' || c > 'F')) {
                return false;
            }
        }
        return true;
    }

    public static IssuerKey of(byte[] keyId) {
        return new IssuerKey(HEX.formatHex(keyId));
    }

    public byte[] bytes() {
        return HEX.parseHex(keyIdHex);
    }

    @Override
    public String toString() {
        return keyIdHex;
    }
}
