package jp.jpkigate.revocation.store.redis;

import java.util.Objects;
import jp.jpkigate.revocation.store.SnapshotAnnouncement;

/**
 * Every Redis key and channel of the revocation cache, in one place. All keys share one hash tag,
 * {@code {jpki:revocation}} by default, so they live in one slot and the same code (multi-key Lua
 * scripts, pipelines) runs on a single Redis, Sentinel, or Redis Cluster.
 *
 * <pre>
 * {tag}:snapshot:version                         string  INCR counter of data versions (global)
 * {tag}:snapshot:manifest                        hash    sourceId -&gt; "version chunkCount byteCount"
 * {tag}:snapshot:chunk:&lt;sourceId&gt;:&lt;version&gt;:&lt;i&gt;  string  chunk i of that snapshot encoding;
 *                                                        PX TTL until its manifest switch (orphans expire)
 * {tag}:snapshot:announce                        channel "version sourceId" on every switch
 * {tag}:lease:&lt;name&gt;                              string  "expiryMillis holderId", PX TTL as a safety net
 * {tag}:changes                                  stream  revocation changes (MAXLEN ~)
 * </pre>
 *
 * @param tag the hash tag content, without braces
 */
public record RedisKeys(String tag) {
    /** The production layout. */
    public static final RedisKeys DEFAULT = new RedisKeys("jpki:revocation");

    public RedisKeys {
        Objects.requireNonNull(tag, "tag");
        if (tag.isEmpty() || tag.contains("{") || tag.contains("}") || tag.contains(" ")) {
            throw new IllegalArgumentException("a hash tag is non-empty, without braces or spaces");
        }
    }

    private String prefix() {
        return "{" + tag + "}:";
    }

    public String versionCounter() {
        return prefix() + "snapshot:version";
    }

    public String manifests() {
        return prefix() + "snapshot:manifest";
    }

    public String chunk(String sourceId, long version, int index) {
        return prefix() + "snapshot:chunk:" + SnapshotAnnouncement.checkSourceId(sourceId) + ":" + version + ":" + index;
    }

    public String announcements() {
        return prefix() + "snapshot:announce";
    }

    public String lease(String name) {
        return prefix() + "lease:" + SnapshotAnnouncement.checkSourceId(name);
    }

    public String changes() {
        return prefix() + "changes";
    }
}
