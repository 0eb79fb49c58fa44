package jp.jpkigate.perf.revocation;

import java.io.BufferedInputStream;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import jp.jpkigate.revocation.crl.CrlIngest;
import jp.jpkigate.revocation.crl.CrlSnapshot;
import jp.jpkigate.revocation.crl.StreamingCrlParser;

/**
 * Measures a full CRL ingest (stream, verify the signature, build the index) of a file made by
 * {@link CrlFileGenerator}: wall time, entries per second, and peak heap (the largest "used" seen
 * by a 2 ms sampler, and the sum of the heap pools' peak usage, an upper bound).
 *
 * <pre>
 * java -cp perf/target/benchmarks.jar jp.jpkigate.perf.revocation.CrlFileGenerator 50000000 /tmp/crl-50m.der
 * java -Xmx1g -cp perf/target/benchmarks.jar jp.jpkigate.perf.revocation.CrlIngestMeasurement /tmp/crl-50m.der
 * </pre>
 */
public final class CrlIngestMeasurement {
    private CrlIngestMeasurement() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        PublicKey key = KeyFactory.getInstance("RSA", CrlFileGenerator.BC)
                .generatePublic(new X509EncodedKeySpec(Files.readAllBytes(Path.of(file + ".pub"))));
        CrlIngest ingest = new CrlIngest(new StreamingCrlParser(), Clock.systemUTC(), Duration.ofMinutes(5));
        AtomicLong peak = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
                LockSupport.parkNanos(2_000_000);
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        long t0 = System.nanoTime();
        CrlSnapshot snapshot;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            snapshot = ingest.ingest(in, key, null).snapshot();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        sampler.interrupt();
        long poolPeaks = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                poolPeaks += pool.getPeakUsage().getUsed();
            }
        }
        int n = snapshot.index().size();
        System.out.printf("ingested %,d entries (%,d bytes) in %.2f s: %,.0f entries/s, %.0f MB/s%n", n,
                Files.size(file), seconds, n / seconds, Files.size(file) / seconds / 1e6);
        System.out.printf("peak heap used (sampled) %,d MB, sum of pool peaks %,d MB, max heap %,d MB, index %,d MB"
                + " (%.2f B/entry)%n", peak.get() >> 20, poolPeaks >> 20, Runtime.getRuntime().maxMemory() >> 20,
                snapshot.index().bytesUsed() >> 20, snapshot.index().bytesUsed() / (double) n);
    }
}
