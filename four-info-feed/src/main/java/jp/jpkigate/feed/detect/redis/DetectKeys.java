package jp.jpkigate.feed.detect.redis;

import java.math.BigInteger;
import jp.jpkigate.feed.detect.CertificateRef;
import jp.jpkigate.revocation.store.redis.RedisKeys;

/**
 * The Redis keys of the feed's detection, in one place; each carries its hash tag so the same code runs
 * on one Redis, Sentinel or Cluster. Per-consent and per-certificate keys spread over the cluster; the
 * queues and cursors share the {@code {jpkigate:feed:detect}} slot so one Lua script may touch several.
 *
 * <pre>
 * jpkigate:feed:watch:{&lt;consent id&gt;}        hash   client, anchor, serial (hex), state (WATCHING|ENDING|ENDED),
 *                                                  jti + jwe (the withdrawal SET while ENDING); PX retention once ENDED
 * jpkigate:feed:cert:{&lt;anchor id&gt; &lt;serial&gt;}   set    consent ids following the certificate (an index, checked
 *                                                  against the entries)
 * {jpkigate:feed:detect}:watched              zset   watched consent ids, score 0 (lexical order: the status check's cursor)
 * {jpkigate:feed:detect}:tasks                zset   consent id → due time (clock ms) of its provision task
 * {jpkigate:feed:detect}:task                 hash   consent id → provision task JSON ({@code ProvisionTaskJson})
 * {jpkigate:feed:detect}:cursors              hash   client id → consent change log cursor
 * {jpkigate:feed:detect}:lease:&lt;task&gt;         string leader leases (revocation-cache's RedisLeaderLease)
 * {jpki:revocation}:changes                   stream the revocation stream, read by the consumer group
 *                                                  {@code four-info-feed}
 * </pre>
 * No key holds any of the 4 information.
 */
public final class DetectKeys {
    static final String TAG = "jpkigate:feed:detect";
    /** The leases' layout (revocation-cache's key scheme under this module's tag). */
    public static final RedisKeys LEASES = new RedisKeys(TAG);

    private DetectKeys() {
    }

    static String watch(String consentId) {
        return "jpkigate:feed:watch:{" + consentId + "}";
    }

    static String certificate(CertificateRef c) {
        return "jpkigate:feed:cert:{" + c.anchorId() + " " + c.serial().toString(16) + "}";
    }

    static String watched() {
        return "{" + TAG + "}:watched";
    }

    static String tasks() {
        return "{" + TAG + "}:tasks";
    }

    static String task() {
        return "{" + TAG + "}:task";
    }

    static String cursors() {
        return "{" + TAG + "}:cursors";
    }

    static BigInteger serial(String hex) {
        return new BigInteger(hex, 16);
    }
}
