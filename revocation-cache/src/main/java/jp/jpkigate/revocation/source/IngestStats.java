package jp.jpkigate.revocation.source;

import java.util.concurrent.atomic.LongAdder;

/** Counters of the ingest scheduler, by outcome ({@link IngestReport.Kind}). */
public final class IngestStats {
    public final LongAdder full = new LongAdder();
    public final LongAdder delta = new LongAdder();
    public final LongAdder notModified = new LongAdder();
    public final LongAdder unchanged = new LongAdder();
    public final LongAdder failed = new LongAdder();
    /** Delta attempts that fell back to the complete CRL (unknown base, delta refused). */
    public final LongAdder deltaFallbacks = new LongAdder();

    void count(IngestReport.Kind kind) {
        switch (kind) {
            case FULL -> full.increment();
            case DELTA -> delta.increment();
            case NOT_MODIFIED -> notModified.increment();
            case UNCHANGED -> unchanged.increment();
            case FAILED -> failed.increment();
        }
    }
}
