package jp.jpkigate.revocation.index;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Optional;

/**
 * Immutable set of revoked certificate serials of one CRL scope, answering "is this serial
 * revoked?" without locks or allocation on the short-serial path. Built once by a
 * {@link RevokedSerialIndexBuilder}; the owner publishes a new instance (for example through an
 * {@code AtomicReference}) instead of changing one.
 *
 * <p>RFC 5280 section 4.1.2.2: "the serial number MUST be a positive integer ... Certificate users
 * MUST be able to handle serialNumber values up to 20 octets." Serials in 0..2^63-1 take the fast
 * path; any other (longer, or negative from a non-conforming issuer) lives in a sorted
 * {@link BigInteger} side table.
 *
 * <h2>Fast path layout (8 bytes per entry plus ~0.1 for the bucket table)</h2>
 * Let {@code rel = serial - minKey}. The bucket is {@code rel >>> shift} (32..64 entries per bucket
 * on average, see {@link #BUCKET_BITS}; {@code shift <= 47}), {@code bucketStart[b]..bucketStart[b+1]}
 * is its range in {@code packed}. Each {@code packed} long holds
 * <pre>
 *   bits 63..16  rel &amp; ((1 &lt;&lt; shift) - 1)   the low bits of the serial (47 bits at most)
 *   bits 15..4   revocation day - epochDay     0..4094; 4095 = "see the escape table"
 *   bits  3..0   CRLReason code                RFC 5280 section 5.3.1 (0..10)
 * </pre>
 * so one {@code long[]} holds key, reason and date. Within a bucket the longs sort by serial.
 *
 * <h2>Lookup</h2>
 * Revoked serials of a CA are near-uniform (increasing with random gaps, or random), so
 * {@link #find(long)} interpolates: the low bits' fraction of the bucket's key span, times the
 * bucket's entry count, predicts the slot; it then searches outwards from that slot with doubling
 * steps and bisects. For near-uniform keys that is one cache line of {@code packed} (the one
 * main-memory miss of a lookup in a large index; the small bucket table stays cached); for any
 * distribution it is at most about 2 log2(bucket size) reads, never a scan. A bucket table from an
 * older build with other bucket sizes is read the same way.
 *
 * <p>Operators of large indexes (tens of millions of serials) should run the JVM with
 * {@code -XX:+UseTransparentHugePages} (Linux, THP in {@code madvise} or {@code always} mode): the
 * packed array then costs far fewer TLB misses; measured 268 to 207 ns per lookup at 50M before
 * interpolation. {@code -XX:+AlwaysPreTouch} avoids first-touch page faults after a reload. The 12-bit day covers
 * 4095 days (about 11.2 years) after {@code epochDay}; an entry dated outside that window stores
 * 4095 and its exact status (day and reason) in a small sorted escape table, so nothing is ever
 * wrong, only slower and 16 bytes bigger.
 *
 * <h2>Status values</h2>
 * {@link #find(long)} returns {@link #NOT_REVOKED} or {@code (epochDay << 4) | reasonCode}; decode
 * with {@link #reasonCode(long)}, {@link #epochDay(long)} or {@link Revocation#fromStatus(long)}.
 */
public final class RevokedSerialIndex {
    /** Returned by the {@code find} methods for a serial that is not on the list. */
    public static final long NOT_REVOKED = Long.MIN_VALUE;

    static final int ESCAPE_DAY = 0xFFF;
    static final int MAX_DAY_OFFSET = ESCAPE_DAY - 1;
    static final int MAX_SHIFT = 47;
    /**
     * The builder aims at {@code n >>> BUCKET_BITS} buckets at most, so 32..64 entries per bucket on
     * average: the bucket table (about 0.1 byte per entry) stays in the CPU's L2/L3 cache, and
     * interpolating inside a bucket of near-uniform serials lands within a slot or two.
     */
    static final int BUCKET_BITS = 5;

    private static final RevokedSerialIndex EMPTY = new RevokedSerialIndex(0, 0, -1, 0, new int[] {0, 0},
            new long[0], 0, new PrimitiveList(), new BigInteger[0], new long[0], 0);

    private final long epochDay;
    private final long minKey;
    private final long maxKey;
    private final int shift;
    private final long lowMask;
    /** Low bits dropped before interpolating, so that (low >>> scaleShift) * count fits a long. */
    private final int scaleShift;
    private final int[] bucketStart;
    private final long[] packed;
    private final int shortCount;
    private final long[] escapeKeys;
    private final long[] escapeStatus;
    private final int escapeCount;
    private final BigInteger[] longKeys;
    private final long[] longStatus;
    private final int longCount;

    RevokedSerialIndex(long epochDay, long minKey, long maxKey, int shift, int[] bucketStart, long[] packed,
            int shortCount, PrimitiveList escapes, BigInteger[] longKeys, long[] longStatus, int longCount) {
        this.epochDay = epochDay;
        this.minKey = minKey;
        this.maxKey = maxKey;
        this.shift = shift;
        this.lowMask = (1L << shift) - 1;
        this.scaleShift = Math.max(0, shift - 32);
        this.bucketStart = bucketStart;
        this.packed = packed;
        this.shortCount = shortCount;
        this.escapeKeys = escapes.keys;
        this.escapeStatus = escapes.values;
        this.escapeCount = escapes.size;
        this.longKeys = longKeys;
        this.longStatus = longStatus;
        this.longCount = longCount;
    }

    /** The index with no entries. */
    public static RevokedSerialIndex empty() {
        return EMPTY;
    }

    /** A builder with {@link DuplicatePolicy#KEEP_EARLIEST}. */
    public static RevokedSerialIndexBuilder builder() {
        return new RevokedSerialIndexBuilder();
    }

    /**
     * Status of a serial given as a Java {@code long}; the fast path for 0..2^63-1. A negative
     * argument is the two's complement value (looked up in the long-serial table).
     */
    public long find(long serial) {
        if (serial < minKey || serial > maxKey) {
            return serial < 0 ? findLong(BigInteger.valueOf(serial)) : NOT_REVOKED;
        }
        long rel = serial - minKey;
        int b = (int) (rel >>> shift);
        int lo = bucketStart[b];
        int end = bucketStart[b + 1];
        long low = rel & lowMask;
        long target = low << 16;
        if (lo == end) {
            return NOT_REVOKED;
        }
        // interpolate inside the bucket: serials are near-uniform, so the entry is usually within a
        // slot or two of the guess and one cache line of packed answers; the outward search bounds
        // the worst case (clustered serials) by O(log bucket size)
        int guess = lo + (int) (((low >>> scaleShift) * (end - lo)) >>> (shift - scaleShift));
        int at = lowerBound(target, lo, end, guess);
        if (at < end) {
            long p = packed[at];
            if ((p >>> 16) == low) {
                return status(serial, (int) p & 0xFFFF);
            }
        }
        return NOT_REVOKED;
    }

    /**
     * The first index in {@code lo..end} whose packed value is {@code >= target} ({@code end} if
     * none), searching outwards from {@code guess} (in {@code lo..end-1}) with doubling steps and
     * then bisecting: O(log distance) reads, O(log bucket size) at worst.
     */
    private int lowerBound(long target, int lo, int end, int guess) {
        long[] a = packed;
        int left;
        int right;
        if (a[guess] < target) { // answer in guess+1..end
            left = guess + 1;
            int step = 1;
            while (true) {
                int probe = guess + step;
                if (probe >= end) {
                    right = end;
                    break;
                }
                if (a[probe] >= target) {
                    right = probe;
                    break;
                }
                left = probe + 1;
                step <<= 1;
            }
        } else { // answer in lo..guess
            right = guess;
            int step = 1;
            while (true) {
                int probe = guess - step;
                if (probe < lo) {
                    left = lo;
                    break;
                }
                if (a[probe] < target) {
                    left = probe + 1;
                    break;
                }
                right = probe;
                step <<= 1;
            }
        }
        while (left < right) { // invariant: answer in left..right
            int mid = (left + right) >>> 1;
            if (a[mid] < target) {
                left = mid + 1;
            } else {
                right = mid;
            }
        }
        return left;
    }

    /** Status of a serial given as an unsigned big-endian magnitude (leading zero bytes allowed). */
    public long find(byte[] magnitude) {
        int i = 0;
        while (i < magnitude.length && magnitude[i] == 0) {
            i++;
        }
        int n = magnitude.length - i;
        if (n < 8 || (n == 8 && magnitude[i] >= 0)) {
            long v = 0;
            for (; i < magnitude.length; i++) {
                v = (v << 8) | (magnitude[i] & 0xFF);
            }
            return find(v);
        }
        return findLong(new BigInteger(1, magnitude));
    }

    /** Status of any serial. */
    public long find(BigInteger serial) {
        if (serial.signum() >= 0 && serial.bitLength() <= 63) {
            return find(serial.longValue());
        }
        return findLong(serial);
    }

    /** The revocation of {@code serial}, if it is on the list. */
    public Optional<Revocation> lookup(BigInteger serial) {
        long s = find(serial);
        return s == NOT_REVOKED ? Optional.empty() : Optional.of(Revocation.fromStatus(s));
    }

    /** RFC 5280 CRLReason code of a status other than {@link #NOT_REVOKED}. */
    public static int reasonCode(long status) {
        return (int) (status & 0xF);
    }

    /** UTC revocation day (days since 1970-01-01) of a status other than {@link #NOT_REVOKED}. */
    public static long epochDay(long status) {
        return status >> 4;
    }

    /** Number of revoked serials. */
    public int size() {
        return shortCount + longCount;
    }

    /** Day 0 of the 12-bit day offsets. */
    public long epochDayBase() {
        return epochDay;
    }

    /**
     * Heap bytes held by this index's arrays (array headers counted as 16 bytes; each long serial
     * as an estimated BigInteger plus its reference and status).
     */
    public long bytesUsed() {
        long bytes = 16L + 8L * packed.length + 16L + 4L * bucketStart.length;
        bytes += 32L + 8L * escapeKeys.length + 8L * escapeStatus.length;
        bytes += 32L + 8L * longKeys.length + 8L * longStatus.length;
        for (int i = 0; i < longCount; i++) {
            bytes += 40L + 16L + 4L * ((longKeys[i].bitLength() + 32) / 32);
        }
        return bytes + 96L;
    }

    /** Visits every entry: short serials in ascending order, then long serials in ascending order. */
    public void forEach(EntryVisitor visitor) {
        int buckets = bucketStart.length - 1;
        for (int b = 0; b < buckets; b++) {
            long base = minKey + ((long) b << shift);
            for (int i = bucketStart[b]; i < bucketStart[b + 1]; i++) {
                long p = packed[i];
                long serial = base + (p >>> 16);
                long s = status(serial, (int) p & 0xFFFF);
                visitor.shortEntry(serial, reasonCode(s), epochDay(s));
            }
        }
        for (int i = 0; i < longCount; i++) {
            visitor.longEntry(longKeys[i], reasonCode(longStatus[i]), epochDay(longStatus[i]));
        }
    }

    /**
     * A new index: this one with {@code delta} applied (RFC 5280 section 5.2.4). Every serial the
     * delta mentions, as an entry or as a removal ({@code removeFromCRL}, section 5.3.1), loses its
     * entry here; then the delta's entries are added. The delta builder is consumed.
     */
    public RevokedSerialIndex applyDelta(RevokedSerialIndexBuilder delta) {
        return delta.mergeOnto(this);
    }

    /**
     * The arrays and scalars behind an index, for serialization (the snapshot codec) only. The
     * arrays are shared with the index, never copied: do not modify them. Only the first
     * {@code shortCount}, {@code escapeCount} and {@code longCount} elements of the respective
     * arrays are meaningful; the layout is the one described on {@link RevokedSerialIndex}.
     */
    public record Parts(long epochDay, long minKey, long maxKey, int shift, int[] bucketStart, long[] packed,
            int shortCount, long[] escapeKeys, long[] escapeStatus, int escapeCount, BigInteger[] longKeys,
            long[] longStatus, int longCount) {
    }

    /** This index's internal state, shared (not copied), for writing it out; see {@link Parts}. */
    public Parts parts() {
        return new Parts(epochDay, minKey, maxKey, shift, bucketStart, packed, shortCount, escapeKeys, escapeStatus,
                escapeCount, longKeys, longStatus, longCount);
    }

    /**
     * An index over {@code parts} as read back from a serialized form, taking ownership of its
     * arrays. Every invariant that lookups and {@link #forEach} rely on is checked first (bucket
     * table shape, serial order within buckets and side tables, reason codes, day range, an escape
     * entry for every escaped day), in one pass over the arrays.
     *
     * @throws IllegalArgumentException if the parts do not describe a valid index
     */
    public static RevokedSerialIndex fromParts(Parts parts) {
        checkParts(parts);
        PrimitiveList escapes = new PrimitiveList();
        escapes.keys = parts.escapeKeys();
        escapes.values = parts.escapeStatus();
        escapes.size = parts.escapeCount();
        return new RevokedSerialIndex(parts.epochDay(), parts.minKey(), parts.maxKey(), parts.shift(),
                parts.bucketStart(), parts.packed(), parts.shortCount(), escapes, parts.longKeys(),
                parts.longStatus(), parts.longCount());
    }

    private long status(long serial, int meta) {
        int day = meta >>> 4;
        if (day == ESCAPE_DAY) {
            return escapeStatus[Arrays.binarySearch(escapeKeys, 0, escapeCount, serial)];
        }
        return ((epochDay + day) << 4) | (meta & 0xF);
    }

    private long findLong(BigInteger serial) {
        int at = Arrays.binarySearch(longKeys, 0, longCount, serial);
        return at >= 0 ? longStatus[at] : NOT_REVOKED;
    }
    private static void checkParts(Parts p) {
        int n = p.shortCount();
        int[] start = p.bucketStart();
        require(p.shift() >= 0 && p.shift() <= MAX_SHIFT, "shift");
        require(Math.abs(p.epochDay()) <= Integer.MAX_VALUE - 4096L, "epoch day");
        require(n >= 0 && n <= p.packed().length, "short count");
        require(p.escapeCount() >= 0 && p.escapeCount() <= p.escapeKeys().length
                && p.escapeCount() <= p.escapeStatus().length, "escape count");
        require(p.longCount() >= 0 && p.longCount() <= p.longKeys().length
                && p.longCount() <= p.longStatus().length, "long count");
        if (n == 0) {
            require(p.minKey() == 0 && p.maxKey() == -1 && start.length == 2 && start[0] == 0 && start[1] == 0,
                    "empty bucket table");
        } else {
            require(p.minKey() >= 0 && p.maxKey() >= p.minKey(), "key range");
            long buckets = ((p.maxKey() - p.minKey()) >>> p.shift()) + 1;
            require(buckets == start.length - 1L, "bucket count");
            require(start[0] == 0 && start[start.length - 1] == n, "bucket table ends");
        }
        long lowMask = (1L << p.shift()) - 1;
        for (int b = 0; b < start.length - 1; b++) {
            require(start[b + 1] >= start[b], "bucket table order");
            long base = p.minKey() + ((long) b << p.shift());
            long previous = -1;
            for (int i = start[b]; i < start[b + 1]; i++) {
                long low = p.packed()[i] >>> 16;
                require(low > previous && low <= lowMask && base + low <= p.maxKey(), "serial order");
                previous = low;
                int meta = (int) p.packed()[i] & 0xFFFF;
                require(validReason(meta & 0xF), "reason code");
                require((meta >>> 4) != ESCAPE_DAY
                        || Arrays.binarySearch(p.escapeKeys(), 0, p.escapeCount(), base + low) >= 0, "escape entry");
            }
        }
        for (int i = 0; i < p.escapeCount(); i++) {
            require(p.escapeKeys()[i] >= 0 && (i == 0 || p.escapeKeys()[i] > p.escapeKeys()[i - 1]), "escape order");
            require(validStatus(p.escapeStatus()[i]), "escape status");
        }
        for (int i = 0; i < p.longCount(); i++) {
            BigInteger k = p.longKeys()[i];
            require(k != null && (k.signum() < 0 || k.bitLength() > 63), "long serial");
            require(i == 0 || k.compareTo(p.longKeys()[i - 1]) > 0, "long serial order");
            require(validStatus(p.longStatus()[i]), "long serial status");
        }
    }

    private static boolean validReason(int code) {
        return CrlReason.isValid(code) && code != CrlReason.REMOVE_FROM_CRL.code();
    }

    private static boolean validStatus(long status) {
        return validReason(reasonCode(status)) && Math.abs(epochDay(status)) <= Integer.MAX_VALUE;
    }

    private static void require(boolean ok, String what) {
        if (!ok) {
            throw new IllegalArgumentException("invalid index parts: " + what);
        }
    }
}
