package jp.jpkigate.perf.revocation;

import java.math.BigInteger;
import java.util.concurrent.TimeUnit;
import jp.jpkigate.revocation.index.RevokedSerialIndex;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Measures one "is this serial revoked?" lookup in a {@link RevokedSerialIndex} of 1M, 10M and 50M
 * entries: average time per call of {@link RevokedSerialIndex#find(long)} (the fast path for
 * serials up to 63 bits), of {@link RevokedSerialIndex#find(byte[])} (magnitude octets as taken
 * from a certificate) and of {@link RevokedSerialIndex#find(BigInteger)}.
 *
 * <p>Keys: increasing 8-octet serials with random gaps of 2..9 (see {@link SerialDistribution});
 * probes: 2^20 of them, 50% revoked serials sampled across the whole set and 50% their never-revoked
 * successors, shuffled, so almost every lookup misses the CPU caches at 10M and 50M entries - the
 * realistic case for a gateway checking certificates of random card holders.
 *
 * <p>Run (the 50M setup needs about 1 GB while building; the index itself about 425 MB):
 * <pre>
 * mvn -B -q -ntp -pl revocation-cache,perf -am verify -DskipTests
 * java -Xmx2g -jar perf/target/benchmarks.jar RevokedSerialLookupBenchmark -f 1 -wi 2 -i 3
 * java -Xmx2g -jar perf/target/benchmarks.jar RevokedSerialLookupBenchmark -p entries=50000000 -f 1
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@State(Scope.Benchmark)
public class RevokedSerialLookupBenchmark {
    private static final int PROBES = 1 << 20;

    @Param({"1000000", "10000000", "50000000"})
    public int entries;

    private RevokedSerialIndex index;
    private long[] probes;
    private byte[][] magnitudes;
    private BigInteger[] bigs;
    private int next;
    private int mask;

    @Setup(Level.Trial)
    public void setUp() {
        index = SerialDistribution.index(entries, 42);
        probes = SerialDistribution.probes(entries, 42, PROBES);
        mask = Integer.highestOneBit(probes.length) - 1; // fewer probes than 2^20 when entries < 2^20
        magnitudes = new byte[probes.length][];
        bigs = new BigInteger[probes.length];
        for (int i = 0; i < probes.length; i++) {
            bigs[i] = BigInteger.valueOf(probes[i]);
            magnitudes[i] = bigs[i].toByteArray();
        }
    }

    @Benchmark
    public long findLong() {
        return index.find(probes[next++ & mask]);
    }

    @Benchmark
    public long findMagnitude() {
        return index.find(magnitudes[next++ & mask]);
    }

    @Benchmark
    public long findBigInteger() {
        return index.find(bigs[next++ & mask]);
    }
}
