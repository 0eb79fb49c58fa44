package jp.jpkigate.perf.revocation;

import jp.jpkigate.revocation.index.RevokedSerialIndex;

/**
 * Prints bytes per entry of {@link RevokedSerialIndex} for the benchmark's key distribution: the
 * index's own count ({@code bytesUsed()}) and the live-heap growth measured around building it.
 *
 * <pre>
 * java -Xmx2g -cp perf/target/benchmarks.jar jp.jpkigate.perf.revocation.IndexFootprint 1000000 10000000 50000000
 * </pre>
 */
public final class IndexFootprint {
    private IndexFootprint() {
    }

    public static void main(String[] args) {
        String[] sizes = args.length > 0 ? args : new String[] {"1000000", "10000000"};
        for (String s : sizes) {
            int n = Integer.parseInt(s);
            long before = liveHeap();
            RevokedSerialIndex index = SerialDistribution.index(n, 42);
            long after = liveHeap();
            System.out.printf("entries=%,d bytesUsed=%,d (%.2f B/entry) liveHeapDelta=%,d (%.2f B/entry)%n",
                    index.size(), index.bytesUsed(), index.bytesUsed() / (double) index.size(), after - before,
                    (after - before) / (double) index.size());
        }
    }

    static long liveHeap() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
