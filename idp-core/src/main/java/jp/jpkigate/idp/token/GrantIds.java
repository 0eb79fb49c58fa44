package jp.jpkigate.idp.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * Grant ids. A grant is what one code redemption issues: its id names the refresh-token family
 * ({@link RefreshTokens}) and travels in every access token of the grant (private claim
 * {@value #CLAIM}), so revoking the grant reaches both ({@link GrantRevoker}).
 *
 * <p>The id is derived from the code, base64url of the first 16 bytes of
 * {@code SHA-256("jpkigate grant id" || 0x00 || code)} (22 characters, as a random family id was):
 * a replayed code names the grant its first redemption issued without the store keeping anything
 * but a used-marker. The hash is one-way, so the id, which resource servers see, reveals no code.
 */
public final class GrantIds {
    /** The access token's private claim carrying the grant id. */
    public static final String CLAIM = "gid";
    private static final byte[] LABEL = "jpkigate grant id\0".getBytes(StandardCharsets.US_ASCII);

    private GrantIds() {
    }

    public static String ofCode(String code) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(LABEL);
            byte[] digest = sha256.digest(code.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
