package jp.jpkigate.consent;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import jp.jpkigate.idp.approval.FourInformationItem;
import jp.jpkigate.idp.jpki.FourInformation;

/**
 * Keyed digests of a person's consented items, so the 4-information feed can tell which items changed
 * without the platform keeping the 4 information: HMAC-SHA256 under a secret key the gateway provides,
 * over {@code <item wire name> 0x00 <value>} (the name separates the items: the same text as name and as
 * address digests differently), base64url without padding. A value is encoded as J-LIS's provision API
 * answers it ({@link #jlisValue}): name and address as on the certificate, birth date {@code yyyy-MM-dd}
 * (empty when the era is unknown), gender {@code 1} / {@code 2} / {@code 3}. Without the key a digest
 * tells nothing about the value (a birth date alone would be easy to guess from an unkeyed hash).
 * Thread-safe.
 */
public final class ItemDigester {
    /** Shortest key accepted, in bytes (HMAC-SHA256's block of entropy). */
    public static final int MIN_KEY_BYTES = 32;
    private static final String HMAC = "HmacSHA256";

    private final SecretKeySpec key;

    /** @param key at least {@link #MIN_KEY_BYTES} random bytes, kept secret (copied) */
    public ItemDigester(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("the item digest key needs at least " + MIN_KEY_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(key.clone(), HMAC);
    }

    /** The digest of one item's value, the value encoded as J-LIS answers it. */
    public String digest(FourInformationItem item, String jlisValue) {
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(jlisValue, "jlisValue");
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            mac.update(ConsentItems.wireName(item).getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(jlisValue.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(HMAC + " is not available", e);
        }
    }

    /** The digests of {@code items} of a signature certificate's 4 information. */
    public Map<FourInformationItem, String> digests(FourInformation info, List<FourInformationItem> items) {
        Map<FourInformationItem, String> out = new EnumMap<>(FourInformationItem.class);
        for (FourInformationItem item : items) {
            out.put(item, digest(item, jlisValue(info, item)));
        }
        return out;
    }

    /** The item's value of a certificate as J-LIS's provision API encodes it. */
    public static String jlisValue(FourInformation info, FourInformationItem item) {
        return switch (item) {
            case NAME -> info.name();
            case ADDRESS -> info.address();
            case BIRTHDATE -> info.oidcBirthdate().orElse("");
            case GENDER -> info.genderCode();
        };
    }

    @Override
    public String toString() {
        return "ItemDigester[HMAC-SHA256]";
    }
}
