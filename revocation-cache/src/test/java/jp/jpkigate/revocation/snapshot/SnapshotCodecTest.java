package jp.jpkigate.revocation.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.zip.CRC32C;
import jp.jpkigate.revocation.crl.CrlMetadata;
import jp.jpkigate.revocation.crl.CrlSnapshot;
import jp.jpkigate.revocation.index.RevokedSerialIndex;
import org.junit.jupiter.api.Test;

class SnapshotCodecTest {
    @Test
    void emptyIndexAndAbsentOptionalFieldsRoundTrip() throws Exception {
        CrlMetadata metadata = new CrlMetadata(new byte[] {0x30, 0x00}, null, BigInteger.TEN, BigInteger.TEN,
                Instant.EPOCH, null, null, 0);
        CrlSnapshot decoded = SnapshotCodec.decode(
                SnapshotCodec.encode(new CrlSnapshot(RevokedSerialIndex.empty(), metadata)));
        assertThat(decoded.index().size()).isZero();
        assertThat(decoded.index().find(5L)).isEqualTo(RevokedSerialIndex.NOT_REVOKED);
        assertThat(decoded.metadata().authorityKeyId()).isNull();
        assertThat(decoded.metadata().nextUpdate()).isNull();
        assertThat(decoded.metadata().issuingDistributionPoint()).isNull();
    }

    @Test
    void anotherFormatVersionIsRefusedAsSuch() {
        byte[] encoded = SnapshotCodec.encode(TestSnapshots.random(10, 3));
        encoded[4] = 2;
        assertThatThrownBy(() -> SnapshotCodec.decode(encoded)).isInstanceOf(SnapshotFormatException.class)
                .hasMessageContaining("version 2");
    }

    /** Content with correct checksums but an impossible index (a reason code of 7) is still refused. */
    @Test
    void aBrokenIndexWithValidChecksumsIsRefused() {
        CrlSnapshot snapshot = TestSnapshots.random(100, 4);
        RevokedSerialIndex.Parts parts = snapshot.index().parts();
        byte[] encoded = SnapshotCodec.encode(snapshot);
        ByteBuffer buf = ByteBuffer.wrap(encoded).order(ByteOrder.LITTLE_ENDIAN);
        int longBytes = 0;
        for (int i = 0; i < parts.longCount(); i++) {
            longBytes += 4 + parts.longKeys()[i].toByteArray().length;
        }
        int body = 4 * parts.bucketStart().length + 8 * parts.shortCount() + 16 * parts.escapeCount()
                + longBytes + 8 * parts.longCount();
        int packedAt = encoded.length - 4 - body + 4 * parts.bucketStart().length;
        buf.putLong(packedAt, (buf.getLong(packedAt) & ~0xFL) | 7);
        CRC32C crc = new CRC32C();
        crc.update(encoded, 0, encoded.length - 4);
        buf.putInt(encoded.length - 4, (int) crc.getValue());

        assertThatThrownBy(() -> SnapshotCodec.decode(encoded)).isInstanceOf(SnapshotFormatException.class)
                .hasMessageContaining("reason code");
    }

    /**
     * Size and speed at one million entries (set -Dsnapshot.speed.entries=10000000 for more);
     * prints bytes per entry and encode / decode throughput.
     */
    @Test
    void aMillionEntriesTakeAboutEightAndAHalfBytesEach() throws Exception {
        int n = Integer.getInteger("snapshot.speed.entries", 1_000_000);
        CrlSnapshot snapshot = TestSnapshots.random(n, 5);
        long size = SnapshotCodec.encodedSize(snapshot);
        assertThat((double) size / n).isLessThan(9.0);

        byte[] encoded = SnapshotCodec.encode(snapshot);
        long encodeNanos = Long.MAX_VALUE;
        long decodeNanos = Long.MAX_VALUE;
        CrlSnapshot decoded = null;
        for (int round = 0; round < 3; round++) { // best of three: the first runs before the JIT
            long t0 = System.nanoTime();
            SnapshotCodec.write(snapshot, OutputStream.nullOutputStream());
            long t1 = System.nanoTime();
            decoded = SnapshotCodec.read(new ByteArrayInputStream(encoded), encoded.length);
            long t2 = System.nanoTime();
            encodeNanos = Math.min(encodeNanos, t1 - t0);
            decodeNanos = Math.min(decodeNanos, t2 - t1);
        }
        assertThat(decoded.index().size()).isEqualTo(snapshot.index().size());
        System.out.printf("snapshot codec: %,d entries, %,d bytes (%.2f B/entry); encode %.1f ms (%.0f MB/s),"
                + " decode %.1f ms (%.0f MB/s)%n", n, size, (double) size / n, encodeNanos / 1e6,
                size / (encodeNanos / 1e3), decodeNanos / 1e6, size / (decodeNanos / 1e3));
    }
}
