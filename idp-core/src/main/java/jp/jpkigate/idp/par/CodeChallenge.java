package jp.jpkigate.idp.par;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Objects;

/**
 * An RFC 7636 PKCE code challenge with method {@code S256} (the only method: FAPI 2.0 §5.3.2.2
 * forbids {@code plain}). The value is 43-128 base64url characters.
 */
public record CodeChallenge(String value) {
    public static final String S256 = "S256";

    public CodeChallenge {
        Objects.requireNonNull(value, "value");
        if (!isWellFormed(value)) {
            throw new IllegalArgumentException("a code_challenge is 43-128 base64url characters");
        }
    }

    public static boolean isWellFormed(String value) {
        return value.length() >= 43 && value.length() <= 128 && value.chars().allMatch(CodeChallenge::isBase64Url);
    }

    private static boolean isBase64Url(int c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_';
    }

    /** RFC 7636 §4.6: whether {@code BASE64URL(SHA256(ASCII(verifier)))} equals the challenge, in constant time. */
    public boolean matches(String codeVerifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(codeVerifier.getBytes(StandardCharsets.US_ASCII));
            byte[] computed = Base64.getUrlEncoder().withoutPadding().encode(digest);
            return MessageDigest.isEqual(computed, value.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
