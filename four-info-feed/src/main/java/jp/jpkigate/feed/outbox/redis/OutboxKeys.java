package jp.jpkigate.feed.outbox.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import jp.jpkigate.revocation.store.redis.RedisKeys;

/**
 * The Redis keys of one business's outbox. They share one hash tag, {@code {jpkigate:feed:<h>}}
 * with {@code h} the base64url SHA-256 of the client id (client ids may hold any visible character,
 * braces too), so each business's keys live in one Redis Cluster slot and its Lua scripts touch one
 * slot only, while businesses spread over the cluster.
 *
 * <pre>
 * {tag}:stream          stream  ready events, one entry {jti} per consent at most (its head);
 *                               consumer group "delivery" (its PEL: events in flight)
 * {tag}:inflight        zset    stream entry id → clock ms when its consumer's time runs out
 * {tag}:retry           zset    jti → clock ms of its next attempt
 * {tag}:dead            stream  dead letters {jti, c consent, err, desc, at ms}
 * {tag}:ev:&lt;jti&gt;        hash    c consent, t created ms, b retrying since ms, j JWE, a failed attempts,
 *                               s stream entry id while ready or in flight ("" otherwise),
 *                               d dead-letter id while dead ("" otherwise)
 * {tag}:q:&lt;consent&gt;     list    the consent's undelivered jtis, oldest first; only the head is ever released
 * {tag}:dq:&lt;consent&gt;    set     the consent's dead-lettered jtis (a withdrawal drops them too)
 * {tag}:seen:&lt;jti&gt;      string  "1", PX dedupe window: enqueue is idempotent by jti
 * {tag}:depth           string  undelivered events, dead letters not counted
 * {tag}:lease:push      string  the push lease ({@link jp.jpkigate.revocation.store.redis.RedisLeaderLease})
 * jpkigate:feed:businesses  set  client ids with an outbox (its own slot; never in a script)
 * </pre>
 */
final class OutboxKeys {
    static final String BUSINESSES = "jpkigate:feed:businesses";
    static final String GROUP = "delivery";

    private final String tag;

    private OutboxKeys(String tag) {
        this.tag = tag;
    }

    static OutboxKeys of(String clientId) {
        return new OutboxKeys("jpkigate:feed:" + sha256(clientId));
    }

    /** Every key of the business starts with this; the scripts build the per-event keys from it. */
    String prefix() {
        return "{" + tag + "}:";
    }

    String stream() {
        return prefix() + "stream";
    }

    String retry() {
        return prefix() + "retry";
    }

    String dead() {
        return prefix() + "dead";
    }

    String depth() {
        return prefix() + "depth";
    }

    /** The same tag in the revocation cache's key layout, for a {@code RedisLeaderLease} in the business's slot. */
    RedisKeys leaseKeys() {
        return new RedisKeys(tag);
    }

    private static String sha256(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
