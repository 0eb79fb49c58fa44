package jp.jpkigate.sim.crl;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import jp.jpkigate.sim.ca.SimCa;

/**
 * Manual measurement of {@link BulkCrlWriter} (not a test): writes CRLs of 1M and 10M entries for an
 * RSA and an EC CA to a temporary directory and prints entries per second, after one 1M warm-up.
 * Run: {@code java -cp target/classes:target/test-classes:<deps> jp.jpkigate.sim.crl.BulkCrlBench [dir]}.
 */
public final class BulkCrlBench {
    private BulkCrlBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("bulkcrl");
        run(TestPki.SIGN_2026, 1_000_000, dir, "warm-up");
        for (SimCa ca : new SimCa[] {TestPki.SIGN_2026, TestPki.AUTH_2026_EC}) {
            for (long n : new long[] {1_000_000, 10_000_000}) {
                run(ca, n, dir, ca.algorithm().name());
            }
        }
    }

    private static void run(SimCa ca, long n, Path dir, String label) throws Exception {
        Path file = dir.resolve(ca.id() + "-" + n + ".crl");
        long start = System.nanoTime();
        BulkCrlWriter.Result result = BulkCrlWriter.write(new BulkCrlWriter.Spec(ca, n, 1L, TestPki.NOW,
                CrlPublisher.DEFAULT_VALIDITY, BigInteger.ONE), file);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%-8s %,12d entries %,14d bytes %6.2f s %,12.0f entries/s%n", label, result.entries(),
                result.bytes(), seconds, result.entries() / seconds);
        Files.delete(file);
    }
}
