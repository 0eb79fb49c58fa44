package jp.jpkigate.idp.dpop;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stateless server nonces (RFC 9449 §8, §9): the nonce of a time bucket is the first 128 bits of
 * HMAC-SHA256(key, "dpop-nonce" ‖ bucket number), base64url. A nonce is valid in its bucket and in
 * the next one, so a nonce handed out at the end of a bucket still works for a full bucket, and
 * every replica with the same key and a synchronised clock agrees without shared state. Nonces are
 * not secrets; unpredictability without the key is what matters (a client cannot mint tomorrow's).
 */
public final class DpopNonces {
    private static final byte[] LABEL = "dpop-nonce".getBytes(StandardCharsets.US_ASCII);
    private static final int NONCE_BYTES = 16;

    private final SecretKeySpec key;
    private final long bucketSeconds;
    private final Clock clock;

    public DpopNonces(byte[] key, Duration lifetime, Clock clock) {
        if (Objects.requireNonNull(key, "key").length < 32) {
            throw new IllegalArgumentException("a nonce key has at least 32 bytes");
        }
        this.key = new SecretKeySpec(key, "HmacSHA256");
        this.bucketSeconds = Math.max(1, lifetime.toSeconds());
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The nonce to hand out now ({@code DPoP-Nonce} header). */
    public String current() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac(bucket()));
    }

    /** Whether {@code nonce} is the current or the previous bucket's nonce; compared in constant time. */
    public boolean isValid(String nonce) {
        byte[] presented;
        try {
            presented = nonce.length() > 64 ? new byte[0] : Base64.getUrlDecoder().decode(nonce);
        } catch (IllegalArgumentException e) {
            return false;
        }
        long now = bucket();
        boolean current = MessageDigest.isEqual(presented, mac(now));
        boolean previous = MessageDigest.isEqual(presented, mac(now - 1));
        return current | previous;
    }

    private long bucket() {
        return Math.floorDiv(clock.instant().getEpochSecond(), bucketSeconds);
    }

    private byte[] mac(long bucket) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(LABEL);
            mac.update(ByteBuffer.allocate(Long.BYTES).putLong(bucket).array());
            return Arrays.copyOf(mac.doFinal(), NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
