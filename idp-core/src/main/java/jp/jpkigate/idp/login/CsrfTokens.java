package jp.jpkigate.idp.login;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Anti-CSRF tokens for the OP's own forms (the consent page, the account page), derived rather than
 * stored: {@code base64url(HMAC-SHA256(key = the browser's cookie secret, purpose || 0x00 || bound))}.
 * Only the browser holding the HttpOnly cookie can present the token's source, and another site can
 * neither read the token from the page nor compute it; binding the purpose and the transaction (or
 * session) keeps a token from serving another form or another login. Compared in constant time.
 */
public final class CsrfTokens {
    /** The consent form of one login transaction. */
    public static final String CONSENT = "jpkigate-consent-v1";
    /** The revoke forms of one account session. */
    public static final String ACCOUNT = "jpkigate-account-v1";

    private CsrfTokens() {
    }

    /** The token for {@code purpose} and {@code bound} (a transaction or session id), keyed by the cookie secret. */
    public static String derive(String cookieSecret, String purpose, String bound) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(cookieSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(purpose.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(bound.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean isBase64Url(int c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_';
    }

    /** Whether {@code presented} equals the expected token, in time independent of where they differ. */
    public static boolean matches(String expected, String presented) {
        return presented != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }
}
