package jp.jpkigate.revocation.snapshot;

import java.math.BigInteger;
import java.time.Instant;
import java.util.SplittableRandom;
import jp.jpkigate.revocation.crl.CrlMetadata;
import jp.jpkigate.revocation.crl.CrlSnapshot;
import jp.jpkigate.revocation.index.RevokedSerialIndex;
import jp.jpkigate.revocation.index.RevokedSerialIndexBuilder;

/** Snapshots for codec and store tests. */
public final class TestSnapshots {
    public static final long DAY = 20_000;

    private TestSnapshots() {
    }

    public static CrlMetadata metadata(long crlNumber) {
        return new CrlMetadata(new byte[] {0x30, 0x03, 0x31, 0x01, 0x00}, new byte[] {1, 2, 3, 4},
                BigInteger.valueOf(crlNumber), BigInteger.valueOf(crlNumber - 1),
                Instant.parse("2024-10-01T00:00:00.123456789Z"), Instant.parse("2024-10-02T00:00:00Z"),
                new byte[] {(byte) 0xA0, 0x00}, 42);
    }

    /**
     * {@code n} short serials with random gaps, plus a few long serials and a few days outside the
     * 11-year window, so every table of the index is used.
     */
    public static CrlSnapshot random(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        RevokedSerialIndexBuilder b = RevokedSerialIndex.builder().expectedEntries(n).epochDay(DAY - 4094);
        long serial = 1_000_000;
        int[] reasons = {0, 1, 3, 4, 5, 6, 9};
        for (int i = 0; i < n; i++) {
            serial += 1 + random.nextInt(64);
            long day = i % 1000 == 7 ? DAY - 6000 : DAY - random.nextInt(4000);
            b.add(serial, reasons[random.nextInt(reasons.length)], day);
        }
        for (int i = 0; i < Math.min(n, 20); i++) {
            b.add(BigInteger.ONE.shiftLeft(64 + i).add(BigInteger.valueOf(i)), 1, DAY - i);
        }
        return new CrlSnapshot(b.build(), metadata(7));
    }
}
