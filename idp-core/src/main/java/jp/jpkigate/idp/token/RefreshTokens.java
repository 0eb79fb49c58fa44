package jp.jpkigate.idp.token;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The refresh token format: {@code <family id>.<secret>}, base64url: the family id is the grant id
 * ({@link GrantIds}, 128 bits), the secret 256 random bits. Opaque to clients. The family id only
 * addresses the family in the store; the store keeps the SHA-256 of the whole token, never the token.
 */
public final class RefreshTokens {
    private static final Pattern FORMAT = Pattern.compile("([A-Za-z0-9_-]{22})\\.[A-Za-z0-9_-]{43}");

    private final SecureRandom random;

    public RefreshTokens(SecureRandom random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    public String newToken(String familyId) {
        return familyId + "." + random(32);
    }

    /** The family id of a well-formed token; empty for anything else. */
    public static Optional<String> familyOf(String token) {
        if (token == null || token.length() != 66) {
            return Optional.empty();
        }
        var m = FORMAT.matcher(token);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private String random(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
