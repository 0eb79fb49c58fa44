package jp.jpkigate.feed.detect;

import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.regex.Pattern;
import jp.jpkigate.revocation.index.CrlReason;
import jp.jpkigate.revocation.service.IssuerKey;
import jp.jpkigate.revocation.service.RevocationChange;

/**
 * Reads one entry of the revocation stream as revocation-cache's {@code RedisRevocationStream} writes it
 * ({@code issuer} upper-case hex key id, {@code serial} upper-case hex, {@code kind} REVOKED|RELEASED,
 * {@code reason} CRLReason code, {@code date} yyyy-mm-dd, {@code seenAt} ISO instant). Strict: anything
 * else is {@link IllegalArgumentException}.
 */
public final class RevocationEntry {
    private static final Pattern SERIAL = Pattern.compile("[0-9A-Fa-f]{1,64}");
    private static final Pattern CODE = Pattern.compile("[0-9]{1,2}");

    private RevocationEntry() {
    }

    public static RevocationChange parse(Map<String, String> fields) {
        try {
            String serial = required(fields, "serial");
            String reason = required(fields, "reason");
            if (!SERIAL.matcher(serial).matches() || !CODE.matcher(reason).matches()) {
                throw new IllegalArgumentException("serial or reason malformed");
            }
            return new RevocationChange(new IssuerKey(required(fields, "issuer")), new BigInteger(serial, 16),
                    RevocationChange.Kind.valueOf(required(fields, "kind")), CrlReason.fromCode(Integer.parseInt(reason)),
                    LocalDate.parse(required(fields, "date")), Instant.parse(required(fields, "seenAt")));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unreadable revocation stream entry", e);
        }
    }

    private static String required(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null) {
            throw new IllegalArgumentException(name + " missing");
        }
        return value;
    }
}
