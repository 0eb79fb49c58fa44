package jp.jpkigate.perf.revocation;

import java.util.SplittableRandom;
import jp.jpkigate.revocation.index.RevokedSerialIndex;
import jp.jpkigate.revocation.index.RevokedSerialIndexBuilder;

/**
 * Realistic revoked-serial keys: a CA issues serials in increasing order and a fraction of them
 * get revoked, so the revoked set is an increasing sequence with random gaps (here 2..9, so
 * {@code serial + 1} is never revoked). Serials start at 2^56 and stay 8 octets long, like a
 * counter-based CA. Deterministic for a seed.
 */
final class SerialDistribution {
    static final long FIRST = 1L << 56;
    static final long DAY = 20_000; // 2024-10-04

    private SerialDistribution() {
    }

    /** Calls {@code sink} with n increasing serials, gaps uniform in 2..9. */
    static void forEach(int n, long seed, java.util.function.LongConsumer sink) {
        SplittableRandom r = new SplittableRandom(seed);
        long serial = FIRST;
        for (int i = 0; i < n; i++) {
            serial += 2 + r.nextInt(8);
            sink.accept(serial);
        }
    }

    /** Index of n serials with a realistic reason mix and dates spread over 5 years. */
    static RevokedSerialIndex index(int n, long seed) {
        RevokedSerialIndexBuilder b = RevokedSerialIndex.builder().epochDay(DAY - 4094);
        SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
        forEach(n, seed, s -> b.add(s, reason(r), DAY - r.nextInt(1826)));
        return b.build();
    }

    /** Superseded (moves, name changes) dominates; some holds and key compromises. */
    static int reason(SplittableRandom r) {
        int x = r.nextInt(100);
        return x < 80 ? 4 : x < 90 ? 6 : x < 95 ? 5 : x < 98 ? 1 : 3;
    }

    /**
     * {@code count} probes, half revoked serials sampled evenly over the set and half their
     * successors (never revoked), in random order.
     */
    static long[] probes(int n, long seed, int count) {
        long[] sample = new long[count];
        int stride = Math.max(1, n / count);
        int[] at = {0, 0};
        forEach(n, seed, s -> {
            if (at[0]++ % stride == 0 && at[1] < count) {
                sample[at[1]++] = s;
            }
        });
        SplittableRandom r = new SplittableRandom(seed + 1);
        for (int i = 0; i < at[1]; i++) {
            if ((i & 1) == 1) {
                sample[i] += 1;
            }
        }
        for (int i = at[1] - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            long t = sample[i];
            sample[i] = sample[j];
            sample[j] = t;
        }
        return at[1] == count ? sample : java.util.Arrays.copyOf(sample, at[1]);
    }
}
