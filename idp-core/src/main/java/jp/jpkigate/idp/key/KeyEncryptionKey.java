package jp.jpkigate.idp.key;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-256 key that encrypts the signing keys' private parts at rest (in Redis): AES-GCM with a
 * random 96-bit nonce per encryption and the key's {@code kid} as associated data, so a sealed key
 * cannot be moved to another entry. Its {@link #id()} (a truncated HMAC of a fixed label, which
 * tells nothing about the key) names it, so a replica started with another key fails clearly.
 * Never printed.
 */
public final class KeyEncryptionKey {
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final String id;
    private final SecureRandom random;

    private KeyEncryptionKey(byte[] raw, SecureRandom random) {
        this.key = new SecretKeySpec(raw, "AES");
        this.random = random;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(raw, "HmacSHA256"));
            byte[] digest = mac.doFinal("jpkigate key-encryption key id".getBytes(StandardCharsets.US_ASCII));
            this.id = Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 9));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }

    /** From 32 raw bytes. */
    public static KeyEncryptionKey of(byte[] raw) {
        if (raw == null || raw.length != KEY_BYTES) {
            throw new IllegalArgumentException("a key-encryption key is 32 bytes");
        }
        return new KeyEncryptionKey(raw.clone(), new SecureRandom());
    }

    /**
     * From a file's content (a mounted Kubernetes Secret): exactly 32 raw bytes, or base64 /
     * base64url text of 32 bytes (surrounding whitespace ignored), as {@code openssl rand -base64 32}
     * writes.
     *
     * @throws KeyLoadException when it is neither; the content is never quoted
     */
    public static KeyEncryptionKey parse(byte[] content) throws KeyLoadException {
        if (content.length == KEY_BYTES) {
            return of(content);
        }
        String text = new String(content, StandardCharsets.US_ASCII).trim();
        try {
            byte[] decoded = text.contains("-") || text.contains("_")
                    ? Base64.getUrlDecoder().decode(text) : Base64.getDecoder().decode(text);
            if (decoded.length == KEY_BYTES) {
                return of(decoded);
            }
        } catch (IllegalArgumentException e) {
            // reported below without the content
        }
        throw new KeyLoadException(List.of("the key-encryption key must be 32 bytes, raw or base64 (openssl rand -base64 32)"));
    }

    /** A new key as file content: base64 text and a newline. */
    public static byte[] generateFileContent(SecureRandom random) {
        byte[] raw = new byte[KEY_BYTES];
        random.nextBytes(raw);
        return (Base64.getEncoder().encodeToString(raw) + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** A short public name of this key (not secret). */
    public String id() {
        return id;
    }

    /** {@code nonce || ciphertext || tag}. */
    public byte[] seal(byte[] plaintext, String associatedData) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /**
     * The plaintext of {@link #seal}.
     *
     * @throws KeyLoadException when the data was sealed with another key or for other associated data, or altered
     */
    public byte[] open(byte[] sealed, String associatedData) throws KeyLoadException {
        if (sealed.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new KeyLoadException(List.of("sealed key for " + associatedData + " is truncated"));
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new KeyLoadException(List.of("cannot decrypt the sealed key for " + associatedData
                    + " with key-encryption key " + id + " (another key, or altered data)"));
        }
    }

    @Override
    public String toString() {
        return "KeyEncryptionKey[" + id + "]";
    }
}
