package jp.jpkigate.idp.key;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keys derived from a secret every replica already shares (the pairwise-subject secret): HMAC-SHA256
 * under that secret of a fixed label (HKDF-Expand's construction, one block). A derived key reveals
 * nothing of the secret or of keys with other labels, and no new secret has to be distributed.
 */
public final class DerivedKeys {
    private DerivedKeys() {
    }

    /** The 256-bit key for {@code label} (ASCII, naming its use and version). */
    public static byte[] derive(byte[] sharedSecret, String label) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(sharedSecret, "HmacSHA256"));
            return mac.doFinal(label.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
