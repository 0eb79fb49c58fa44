package jp.jpkigate.revocation.snapshot;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.zip.CRC32C;
import jp.jpkigate.revocation.crl.CrlMetadata;
import jp.jpkigate.revocation.crl.CrlSnapshot;
import jp.jpkigate.revocation.index.RevokedSerialIndex;

/**
 * {@link CrlSnapshot} to and from a compact binary form, streaming in both directions: the index's
 * own arrays are written as raw primitive blocks through one 64 KiB buffer, so a snapshot costs
 * about the index's own bytes (8 per short serial plus 4 per bucket, about 8.5 per entry) and no
 * second copy is ever built. A 50M-entry snapshot is about 420 MB; write it to a stream that cuts
 * chunks and read it from one that joins them.
 *
 * <h2>Format, version 1 (all integers little-endian, the native order of x86 and ARM)</h2>
 * <pre>
 * header   magic "JRSX" | u16 format version (1) | u16 flags (0) | i64 total length of the encoding
 *          metadata: bytes issuer | bytes authorityKeyId | big crlNumber | big completeCrlNumber
 *                    | i64 thisUpdate epoch second | i32 nanos | u8 hasNextUpdate [| i64 second | i32 nanos]
 *                    | bytes issuingDistributionPoint | i64 entryCount
 *          index:    i64 epochDay | i64 minKey | i64 maxKey | i32 shift | i32 bucket table length
 *                    | i32 shortCount | i32 escapeCount | i32 longCount
 *          u32 CRC32C of the header above
 * body     i32[bucket table length] bucketStart | i64[shortCount] packed
 *          | i64[escapeCount] escape serials | i64[escapeCount] escape statuses
 *          | longCount x big serial | i64[longCount] long serial statuses
 * trailer  u32 CRC32C of every byte before it
 * bytes = i32 length (-1 for null) + bytes; big = i32 length + two's complement big-endian bytes
 * </pre>
 * The header checksum is verified before any array is allocated, so random input never makes
 * the reader allocate by a garbage length; the trailer covers everything. Decoded arrays go
 * through {@link RevokedSerialIndex#fromParts}, which checks the index invariants, so even input
 * with a colliding checksum is refused rather than accepted as a broken index.
 *
 * <p>Thread-safe (stateless). Encoding or decoding a large snapshot takes a while (see the test
 * report for measured speed): call it on a worker thread, never on an event loop.
 */
public final class SnapshotCodec {
    /** The format version written, and the only one read. */
    public static final int FORMAT_VERSION = 1;

    static final int MAGIC = 0x5853524A; // "JRSX" read little-endian
    private static final int MAX_FIELD_BYTES = 1 << 20;
    private static final int HEADER_FIXED = 4 + 2 + 2 + 8 + 8 + 4 + 1 + 8 + 8 * 3 + 4 * 5 + 4;

    private SnapshotCodec() {
    }

    /** Exact number of bytes {@link #write} produces for {@code snapshot}. */
    public static long encodedSize(CrlSnapshot snapshot) {
        CrlMetadata m = snapshot.metadata();
        RevokedSerialIndex.Parts p = snapshot.index().parts();
        long size = HEADER_FIXED + bytesSize(m.issuer()) + bytesSize(m.authorityKeyId())
                + bytesSize(m.crlNumber().toByteArray()) + bytesSize(m.completeCrlNumber().toByteArray())
                + (m.nextUpdate() != null ? 12 : 0) + bytesSize(m.issuingDistributionPoint());
        size += 4L * p.bucketStart().length + 8L * p.shortCount() + 16L * p.escapeCount() + 8L * p.longCount();
        for (int i = 0; i < p.longCount(); i++) {
            size += bytesSize(p.longKeys()[i].toByteArray());
        }
        return size + 4;
    }

    /** Writes {@code snapshot} to {@code out} (not closed; flushed). */
    public static void write(CrlSnapshot snapshot, OutputStream out) throws IOException {
        CrlMetadata m = snapshot.metadata();
        RevokedSerialIndex.Parts p = snapshot.index().parts();
        Out o = new Out(out);
        o.ensure(16);
        o.buf.putInt(MAGIC).putShort((short) FORMAT_VERSION).putShort((short) 0).putLong(encodedSize(snapshot));
        o.bytes(m.issuer());
        o.bytes(m.authorityKeyId());
        o.bytes(m.crlNumber().toByteArray());
        o.bytes(m.completeCrlNumber().toByteArray());
        o.instant(m.thisUpdate());
        o.ensure(1);
        o.buf.put((byte) (m.nextUpdate() != null ? 1 : 0));
        if (m.nextUpdate() != null) {
            o.instant(m.nextUpdate());
        }
        o.bytes(m.issuingDistributionPoint());
        o.ensure(64);
        o.buf.putLong(m.entryCount()).putLong(p.epochDay()).putLong(p.minKey()).putLong(p.maxKey())
                .putInt(p.shift()).putInt(p.bucketStart().length).putInt(p.shortCount())
                .putInt(p.escapeCount()).putInt(p.longCount());
        o.ensure(4);
        o.buf.putInt((int) o.checksum());
        o.ints(p.bucketStart(), p.bucketStart().length);
        o.longs(p.packed(), p.shortCount());
        o.longs(p.escapeKeys(), p.escapeCount());
        o.longs(p.escapeStatus(), p.escapeCount());
        for (int i = 0; i < p.longCount(); i++) {
            o.bytes(p.longKeys()[i].toByteArray());
        }
        o.longs(p.longStatus(), p.longCount());
        int crc = (int) o.checksum();
        o.buf.putInt(crc);
        o.flushBuffer(false);
        out.flush();
    }

    /** The whole encoding in memory; for small snapshots and tests. */
    public static byte[] encode(CrlSnapshot snapshot) {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(encodedSize(snapshot), 1 << 30));
        try {
            write(snapshot, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Decodes a whole encoding held in memory. */
    public static CrlSnapshot decode(byte[] encoded) throws SnapshotFormatException {
        try {
            return read(new ByteArrayInputStream(encoded), encoded.length);
        } catch (SnapshotFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new SnapshotFormatException("unreadable: " + e.getMessage(), e);
        }
    }

    /**
     * Reads one snapshot from {@code in}, which must end right after it.
     *
     * @param length the number of bytes {@code in} holds if the caller knows it (it must then
     *               match the encoded length, and bounds every allocation), or -1
     * @throws SnapshotFormatException for anything wrong with the bytes
     * @throws IOException             only from {@code in} itself
     */
    public static CrlSnapshot read(InputStream in, long length) throws IOException {
        In r = new In(in);
        r.need(16);
        if (r.buf.getInt() != MAGIC) {
            throw new SnapshotFormatException("not a revocation snapshot (bad magic)");
        }
        int version = r.buf.getShort() & 0xFFFF;
        int flags = r.buf.getShort() & 0xFFFF;
        if (version != FORMAT_VERSION || flags != 0) {
            throw new SnapshotFormatException("unsupported snapshot format version " + version + "." + flags);
        }
        long total = r.buf.getLong();
        if (total < HEADER_FIXED + 16 || (length >= 0 && total != length)) {
            throw new SnapshotFormatException("encoded length " + total + " does not match " + length + " bytes");
        }
        byte[] issuer = r.bytes();
        byte[] akid = r.bytes();
        byte[] crlNumber = r.bytes();
        byte[] completeCrlNumber = r.bytes();
        long[] thisUpdate = r.instant();
        r.need(1);
        byte hasNext = r.buf.get();
        long[] nextUpdate = hasNext == 1 ? r.instant() : null;
        byte[] idp = r.bytes();
        r.need(64);
        long entryCount = r.buf.getLong();
        long epochDay = r.buf.getLong();
        long minKey = r.buf.getLong();
        long maxKey = r.buf.getLong();
        int shift = r.buf.getInt();
        int buckets = r.buf.getInt();
        int shortCount = r.buf.getInt();
        int escapeCount = r.buf.getInt();
        int longCount = r.buf.getInt();
        long headerCrc = r.checksum();
        r.need(4);
        if ((r.buf.getInt() & 0xFFFFFFFFL) != headerCrc) {
            throw new SnapshotFormatException("header checksum mismatch");
        }
        if ((hasNext != 0 && hasNext != 1) || crlNumber == null || completeCrlNumber == null || issuer == null || buckets < 2
                || shortCount < 0 || escapeCount < 0 || longCount < 0
                || 4L * buckets + 8L * shortCount + 16L * escapeCount + 12L * longCount > total) {
            throw new SnapshotFormatException("inconsistent header");
        }
        int[] bucketStart = r.ints(buckets);
        long[] packed = r.longs(shortCount);
        long[] escapeKeys = r.longs(escapeCount);
        long[] escapeStatus = r.longs(escapeCount);
        BigInteger[] longKeys = new BigInteger[longCount];
        for (int i = 0; i < longCount; i++) {
            byte[] magnitude = r.bytes();
            if (magnitude == null || magnitude.length == 0) {
                throw new SnapshotFormatException("empty long serial");
            }
            longKeys[i] = new BigInteger(magnitude);
        }
        long[] longStatus = r.longs(longCount);
        long crc = r.checksum();
        r.need(4);
        if ((r.buf.getInt() & 0xFFFFFFFFL) != crc) {
            throw new SnapshotFormatException("checksum mismatch");
        }
        if (r.consumed() != total || !r.atEnd()) {
            throw new SnapshotFormatException("length mismatch or trailing bytes after the snapshot");
        }
        try {
            RevokedSerialIndex index = RevokedSerialIndex.fromParts(new RevokedSerialIndex.Parts(epochDay, minKey,
                    maxKey, shift, bucketStart, packed, shortCount, escapeKeys, escapeStatus, escapeCount, longKeys,
                    longStatus, longCount));
            CrlMetadata metadata = new CrlMetadata(issuer, akid, big(crlNumber), big(completeCrlNumber),
                    instant(thisUpdate), nextUpdate == null ? null : instant(nextUpdate), idp, entryCount);
            return new CrlSnapshot(index, metadata);
        } catch (RuntimeException e) {
            throw new SnapshotFormatException("invalid snapshot content: " + e.getMessage(), e);
        }
    }

    private static long bytesSize(byte[] bytes) {
        return 4L + (bytes == null ? 0 : bytes.length);
    }

    private static BigInteger big(byte[] twosComplement) {
        return new BigInteger(twosComplement);
    }

    private static Instant instant(long[] secondsAndNanos) {
        return Instant.ofEpochSecond(secondsAndNanos[0], secondsAndNanos[1]);
    }

    /** A buffered writer that keeps a running CRC32C of everything it has flushed. */
    private static final class Out {
        final ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        private final CRC32C crc = new CRC32C();
        private final OutputStream out;

        Out(OutputStream out) {
            this.out = out;
        }

        void ensure(int bytes) throws IOException {
            if (buf.remaining() < bytes) {
                flushBuffer(true);
            }
        }

        void flushBuffer(boolean checksummed) throws IOException {
            if (checksummed) {
                crc.update(buf.array(), 0, buf.position());
            }
            out.write(buf.array(), 0, buf.position());
            buf.clear();
        }

        /** CRC32C of everything written so far. */
        long checksum() throws IOException {
            flushBuffer(true);
            return crc.getValue();
        }

        void bytes(byte[] value) throws IOException {
            ensure(4);
            buf.putInt(value == null ? -1 : value.length);
            if (value == null) {
                return;
            }
            for (int off = 0; off < value.length; ) {
                ensure(1);
                int n = Math.min(buf.remaining(), value.length - off);
                buf.put(value, off, n);
                off += n;
            }
        }

        void instant(Instant t) throws IOException {
            ensure(12);
            buf.putLong(t.getEpochSecond()).putInt(t.getNano());
        }

        void longs(long[] values, int count) throws IOException {
            for (int off = 0; off < count; ) {
                ensure(8);
                int n = Math.min(buf.remaining() >>> 3, count - off);
                buf.asLongBuffer().put(values, off, n);
                buf.position(buf.position() + 8 * n);
                off += n;
            }
        }

        void ints(int[] values, int count) throws IOException {
            for (int off = 0; off < count; ) {
                ensure(4);
                int n = Math.min(buf.remaining() >>> 2, count - off);
                buf.asIntBuffer().put(values, off, n);
                buf.position(buf.position() + 4 * n);
                off += n;
            }
        }
    }

    /** A buffered reader that keeps a running CRC32C of the bytes consumed. */
    private static final class In {
        final ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN).limit(0);
        private final CRC32C crc = new CRC32C();
        private final InputStream in;
        private int crcMark;
        private long compacted;

        In(InputStream in) {
            this.in = in;
        }

        /** Makes at least {@code bytes} (at most the buffer size) readable, or fails as truncated. */
        void need(int bytes) throws IOException {
            if (buf.remaining() >= bytes) {
                return;
            }
            syncChecksum();
            compacted += buf.position();
            buf.compact();
            crcMark = 0;
            while (buf.position() < bytes) {
                int n = in.read(buf.array(), buf.position(), buf.capacity() - buf.position());
                if (n < 0) {
                    throw new SnapshotFormatException("truncated snapshot");
                }
                buf.position(buf.position() + n);
            }
            buf.flip();
        }

        private void syncChecksum() {
            crc.update(buf.array(), crcMark, buf.position() - crcMark);
            crcMark = buf.position();
        }

        long checksum() {
            syncChecksum();
            return crc.getValue();
        }

        long consumed() {
            return compacted + buf.position();
        }

        boolean atEnd() throws IOException {
            return !buf.hasRemaining() && in.read() < 0;
        }

        byte[] bytes() throws IOException {
            need(4);
            int length = buf.getInt();
            if (length == -1) {
                return null;
            }
            if (length < 0 || length > MAX_FIELD_BYTES) {
                throw new SnapshotFormatException("field length out of range: " + length);
            }
            byte[] value = new byte[length];
            for (int off = 0; off < length; ) {
                need(1);
                int n = Math.min(buf.remaining(), length - off);
                buf.get(value, off, n);
                off += n;
            }
            return value;
        }

        long[] instant() throws IOException {
            need(12);
            long seconds = buf.getLong();
            int nanos = buf.getInt();
            if (nanos < 0 || nanos > 999_999_999) {
                throw new SnapshotFormatException("nanoseconds out of range");
            }
            return new long[] {seconds, nanos};
        }

        long[] longs(int count) throws IOException {
            long[] values = new long[count];
            for (int off = 0; off < count; ) {
                need(8);
                int n = Math.min(buf.remaining() >>> 3, count - off);
                buf.asLongBuffer().get(values, off, n);
                buf.position(buf.position() + 8 * n);
                off += n;
            }
            return values;
        }

        int[] ints(int count) throws IOException {
            int[] values = new int[count];
            for (int off = 0; off < count; ) {
                need(4);
                int n = Math.min(buf.remaining() >>> 2, count - off);
                buf.asIntBuffer().get(values, off, n);
                buf.position(buf.position() + 4 * n);
                off += n;
            }
            return values;
        }
    }
}
