package jp.jpkigate.idp.login;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * Login transaction identifiers and challenges: 256 random bits, base64url without padding
 * (43 characters). The id appears in URLs ({@code /login/<id>}) and Redis keys; {@link #parse}
 * accepts exactly that shape, so no other text ever reaches the store.
 */
public final class LoginTransactionId {
    /** Length of 32 bytes in unpadded base64url. */
    public static final int LENGTH = 43;

    private LoginTransactionId() {
    }

    /** A fresh random value (256 bits). */
    public static String generate(SecureRandom random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The id when {@code text} has the shape of one this OP issues; never throws. */
    public static Optional<String> parse(String text) {
        if (text == null || text.length() != LENGTH) {
            return Optional.empty();
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = text.charAt(i);
            boolean ok = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_';
            if (!ok) {
                return Optional.empty();
            }
        }
        // 43 characters carry 258 bits: the last one must leave the 2 spare bits zero (canonical).
        if ("AEIMQUYcgkosw048".indexOf(text.charAt(LENGTH - 1)) < 0) {
            return Optional.empty();
        }
        return Optional.of(text);
    }
}
