package jp.jpkigate.revocation.cache;

/**
 * Told about every snapshot the cache swaps in. Called on the thread that installed it (a worker
 * thread for ingests): implementations hop to their own Vert.x context and must not throw.
 */
@FunctionalInterface
public interface CacheListener {
    void updated(CacheUpdate update);
}
