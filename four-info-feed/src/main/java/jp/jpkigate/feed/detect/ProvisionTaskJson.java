package jp.jpkigate.feed.detect;

import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * The stored form of a {@link ProvisionTask}:
 * {@code {"v":1,"consent":…,"anchor":…,"serial":hex,"since":epoch ms,"attempts":n}}. Reading is strict: anything
 * else is {@link IllegalArgumentException}.
 */
public final class ProvisionTaskJson {
    private static final Pattern SERIAL = Pattern.compile("[0-9a-f]{1,40}");

    private ProvisionTaskJson() {
    }

    public static String encode(ProvisionTask task) {
        return new JsonObject().put("v", 1).put("consent", task.consentId()).put("anchor", task.revoked().anchorId())
                .put("serial", task.revoked().serial().toString(16)).put("since", task.since().toEpochMilli())
                .put("attempts", task.attempts()).encode();
    }

    public static ProvisionTask decode(String text) {
        try {
            JsonObject j = new JsonObject(text);
            if (!Integer.valueOf(1).equals(j.getValue("v"))) {
                throw new IllegalArgumentException("unknown version");
            }
            String serial = text(j, "serial");
            if (!SERIAL.matcher(serial).matches()) {
                throw new IllegalArgumentException("serial is 1 to 40 lower-case hex digits");
            }
            if (!(j.getValue("since") instanceof Number since) || !(j.getValue("attempts") instanceof Integer attempts)) {
                throw new IllegalArgumentException("since and attempts are numbers");
            }
            return new ProvisionTask(text(j, "consent"), new CertificateRef(text(j, "anchor"), new BigInteger(serial, 16)),
                    Instant.ofEpochMilli(since.longValue()), attempts);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("damaged provision task", e);
        }
    }

    private static String text(JsonObject j, String name) {
        if (!(j.getValue(name) instanceof String value)) {
            throw new IllegalArgumentException(name + " must be a string");
        }
        return value;
    }
}
