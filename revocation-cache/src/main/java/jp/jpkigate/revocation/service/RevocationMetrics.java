package jp.jpkigate.revocation.service;

import java.util.concurrent.atomic.LongAdder;

/** Counters of the revocation cache, shared by whoever answers and rendered by the metrics endpoint. */
public final class RevocationMetrics {
    /** Answers from the in-memory index. */
    public final LongAdder indexHits = new LongAdder();
    /** Checks the index could not answer (stale or issuer not covered). */
    public final LongAdder indexMisses = new LongAdder();
    /** OCSP fallback queries sent. */
    public final LongAdder ocspFallbacks = new LongAdder();
    /** OCSP answers served from the OCSP answer cache. */
    public final LongAdder ocspCacheHits = new LongAdder();
    /** Unknown answers: the callers fail closed. */
    public final LongAdder failClosed = new LongAdder();
    /** CRLs ingested (full or delta) by this replica. */
    public final LongAdder crlIngests = new LongAdder();
    /** CRL downloads or ingests that failed. */
    public final LongAdder crlFailures = new LongAdder();
    /** Snapshots loaded from the shared store (by followers, and at warm start). */
    public final LongAdder snapshotLoads = new LongAdder();
}
