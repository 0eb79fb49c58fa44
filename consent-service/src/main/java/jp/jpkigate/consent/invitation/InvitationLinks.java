package jp.jpkigate.consent.invitation;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The link printed on a postcard: {@code <issuer>/consent/i/<token>} with {@code token = id "." mac},
 * {@code mac} the first 128 bits of HMAC-SHA256(key, "jpki-gate-invitation-v1\n" + id), base64url.
 * Nothing secret is stored (the store knows ids only), any replica can rebuild a link for its QR code,
 * and a token with a wrong mac never reaches the store. The id alone (which the business sees in API
 * answers and logs) opens nothing: the link needs the mac. No personal data is in the link.
 */
public final class InvitationLinks {
    /** Path under the issuer where an invitation opens. */
    public static final String PATH = "/consent/i/";
    private static final int ID_BYTES = 16;
    private static final int MAC_BYTES = 16;
    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final String issuer;
    private final SecretKeySpec key;
    /** One initialised Mac per thread: a batch of 10,000 links costs milliseconds, not a provider lookup each. */
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    public InvitationLinks(String issuer, byte[] key) {
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        if (key.length < 32) {
            throw new IllegalArgumentException("the invitation link key needs at least 256 bits");
        }
        this.key = new SecretKeySpec(key.clone(), ALGORITHM);
    }

    /** A new random invitation id. */
    public static String newId(SecureRandom random) {
        byte[] id = new byte[ID_BYTES];
        random.nextBytes(id);
        return B64.encodeToString(id);
    }

    public static boolean isId(String value) {
        if (value == null || value.length() != 22) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    public String token(String id) {
        if (!isId(id)) {
            throw new IllegalArgumentException("not an invitation id");
        }
        return id + "." + B64.encodeToString(mac(id));
    }

    public String url(String id) {
        return issuer + PATH + token(id);
    }

    /** The invitation id of a well-formed, authentic token; empty for anything else. */
    public Optional<String> idOf(String token) {
        if (token == null || token.length() > 64) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot < 0 || !isId(token.substring(0, dot))) {
            return Optional.empty();
        }
        String id = token.substring(0, dot);
        byte[] given;
        try {
            given = Base64.getUrlDecoder().decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return MessageDigest.isEqual(given, mac(id)) ? Optional.of(id) : Optional.empty();
    }

    private byte[] mac(String id) {
        byte[] full = macs.get().doFinal(("jpki-gate-invitation-v1\n" + id).getBytes(StandardCharsets.US_ASCII));
        byte[] out = new byte[MAC_BYTES];
        System.arraycopy(full, 0, out, 0, MAC_BYTES);
        return out;
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}
