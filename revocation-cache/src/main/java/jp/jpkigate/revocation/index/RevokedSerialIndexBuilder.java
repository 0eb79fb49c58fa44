package jp.jpkigate.revocation.index;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Collects revoked serials in any order and builds a {@link RevokedSerialIndex} once.
 *
 * <p>Short serials (0..2^63-1) are kept in a {@code long[]} of keys and a parallel {@code char[]}
 * of reason and day (10 bytes per entry, no boxing; {@link #expectedEntries} sizes them up front).
 * {@link #build()} counts entries per bucket; input in ascending order (the usual CRL order) is
 * then packed in place, so the key array becomes the index and the peak stays at about 10 bytes
 * per entry. Other input is scattered by bucket into a new packed {@code long[]} (peak about 18
 * bytes per entry) and each bucket sorted with the primitive {@link Arrays#sort(long[], int, int)}
 * on the packed keys. Duplicates are then merged by the {@link DuplicatePolicy}.
 *
 * <p>Revocation days are stored relative to an epoch: set it with {@link #epochDay(long)} (the
 * ingest uses the CRL's thisUpdate minus 4094 days, so the 11.2-year window ends at thisUpdate);
 * otherwise it is the first added day minus 2048. Days outside the window are kept exactly in an
 * escape table.
 *
 * <p>Not thread-safe; single use.
 */
public final class RevokedSerialIndexBuilder {
    private static final long MAX_ABS_DAY = Integer.MAX_VALUE;

    private long[] keys = new long[16];
    private char[] metas = new char[16];
    private int shortCount;
    private final PrimitiveList escapes = new PrimitiveList();
    private final ArrayList<BigInteger> longKeys = new ArrayList<>();
    private final PrimitiveList longMeta = new PrimitiveList();
    private final PrimitiveList removedShort = new PrimitiveList();
    private final Set<BigInteger> removedLong = new HashSet<>();
    private DuplicatePolicy policy = DuplicatePolicy.KEEP_EARLIEST;
    private long epochDay;
    private boolean epochSet;
    private boolean built;

    RevokedSerialIndexBuilder() {
    }

    /** Sets the duplicate policy (default {@link DuplicatePolicy#KEEP_EARLIEST}). */
    public RevokedSerialIndexBuilder duplicates(DuplicatePolicy duplicatePolicy) {
        this.policy = duplicatePolicy;
        return this;
    }

    /** Fixes day 0 of the 12-bit day window; only before the first entry. */
    public RevokedSerialIndexBuilder epochDay(long day) {
        if (shortCount > 0 || escapes.size > 0) {
            throw new IllegalStateException("epoch must be set before adding entries");
        }
        checkDay(day);
        this.epochDay = day;
        this.epochSet = true;
        return this;
    }

    /** Adds a revoked serial in 0..2^63-1 (a negative value means that two's complement serial). */
    public RevokedSerialIndexBuilder add(long serial, int reasonCode, long revocationEpochDay) {
        checkOpen();
        checkReason(reasonCode);
        checkDay(revocationEpochDay);
        if (serial < 0) {
            return addLong(BigInteger.valueOf(serial), reasonCode, revocationEpochDay);
        }
        if (!epochSet) {
            epochDay = Math.max(-MAX_ABS_DAY, revocationEpochDay - 2048);
            epochSet = true;
        }
        long offset = revocationEpochDay - epochDay;
        int day = offset >= 0 && offset <= RevokedSerialIndex.MAX_DAY_OFFSET ? (int) offset
                : RevokedSerialIndex.ESCAPE_DAY;
        if (day == RevokedSerialIndex.ESCAPE_DAY) {
            escapes.add(serial, (revocationEpochDay << 4) | reasonCode);
        }
        if (shortCount == keys.length) {
            if (shortCount >= Integer.MAX_VALUE - 64) {
                throw new IllegalStateException("too many entries");
            }
            grow((int) Math.min(Integer.MAX_VALUE - 64, shortCount + (shortCount >> 1) + 16L));
        }
        keys[shortCount] = serial;
        metas[shortCount++] = (char) ((day << 4) | reasonCode);
        return this;
    }

    /**
     * Reserves room for {@code entries} short serials, so that a large ingest neither copies while
     * growing nor leaves slack: with an exact hint and ascending input the index is packed in place
     * and the build peaks at about 10 bytes per entry.
     */
    public RevokedSerialIndexBuilder expectedEntries(long entries) {
        checkOpen();
        long want = Math.min(Integer.MAX_VALUE - 64, Math.max(entries, 0));
        if (want > keys.length) {
            grow((int) want);
        }
        return this;
    }

    private void grow(int capacity) {
        keys = Arrays.copyOf(keys, capacity);
        metas = Arrays.copyOf(metas, capacity);
    }

    /** Adds a revoked serial of any length. */
    public RevokedSerialIndexBuilder add(BigInteger serial, int reasonCode, long revocationEpochDay) {
        if (serial.signum() >= 0 && serial.bitLength() <= 63) {
            return add(serial.longValue(), reasonCode, revocationEpochDay);
        }
        checkOpen();
        checkReason(reasonCode);
        checkDay(revocationEpochDay);
        return addLong(serial, reasonCode, revocationEpochDay);
    }

    /**
     * Adds a serial given as the content octets of its DER INTEGER (two's complement, big-endian),
     * without allocating when it fits 63 bits.
     */
    public RevokedSerialIndexBuilder addEncoded(byte[] der, int off, int len, int reasonCode, long epochDay) {
        long v = shortValue(der, off, len);
        return v >= 0 ? add(v, reasonCode, epochDay)
                : add(new BigInteger(der, off, len), reasonCode, epochDay);
    }

    /** Marks a serial as removed (RFC 5280 removeFromCRL); only used by {@link RevokedSerialIndex#applyDelta}. */
    public RevokedSerialIndexBuilder remove(BigInteger serial) {
        checkOpen();
        if (serial.signum() >= 0 && serial.bitLength() <= 63) {
            removedShort.add(serial.longValue(), 0);
        } else {
            removedLong.add(serial);
        }
        return this;
    }

    /** {@link #remove(BigInteger)} for DER INTEGER content octets. */
    public RevokedSerialIndexBuilder removeEncoded(byte[] der, int off, int len) {
        long v = shortValue(der, off, len);
        if (v >= 0) {
            checkOpen();
            removedShort.add(v, 0);
            return this;
        }
        return remove(new BigInteger(der, off, len));
    }

    /** Entries added so far (duplicates counted). */
    public long added() {
        return (long) shortCount + longKeys.size();
    }

    /** Builds the index; the builder cannot be used afterwards. */
    public RevokedSerialIndex build() {
        checkOpen();
        built = true;
        escapes.sortKeepMin();
        BigInteger[] bigKeys = new BigInteger[0];
        long[] bigStatus = new long[0];
        int bigCount = 0;
        if (!longKeys.isEmpty()) {
            Integer[] order = new Integer[longKeys.size()];
            Arrays.setAll(order, i -> i);
            Arrays.sort(order, (a, b) -> {
                int c = longKeys.get(a).compareTo(longKeys.get(b));
                return c != 0 ? c : Long.compare(longMeta.keys[a], longMeta.keys[b]);
            });
            bigKeys = new BigInteger[order.length];
            bigStatus = new long[order.length];
            for (int i : order) {
                BigInteger k = longKeys.get(i);
                long status = longMeta.keys[i];
                if (bigCount > 0 && bigKeys[bigCount - 1].equals(k)) {
                    rejectIfStrict(k);
                    continue; // sorted by (serial, day, reason): the first is the earliest
                }
                bigKeys[bigCount] = k;
                bigStatus[bigCount++] = status;
            }
        }
        if (shortCount == 0) {
            return new RevokedSerialIndex(epochDay, 0, -1, 0, new int[] {0, 0}, new long[0], 0, escapes,
                    bigKeys, bigStatus, bigCount);
        }
        return buildShort(bigKeys, bigStatus, bigCount);
    }

    private RevokedSerialIndex buildShort(BigInteger[] bigKeys, long[] bigStatus, int bigCount) {
        int n = shortCount;
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        boolean sorted = true;
        long prev = Long.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            long k = keys[i];
            min = Math.min(min, k);
            max = Math.max(max, k);
            sorted &= k >= prev;
            prev = k;
        }
        long range = max - min;
        int target = Math.max(1, n >>> RevokedSerialIndex.BUCKET_BITS);
        int shift = 0;
        while (shift < RevokedSerialIndex.MAX_SHIFT && (range >>> shift) >= target) {
            shift++;
        }
        int buckets = (int) (range >>> shift) + 1;
        long lowMask = (1L << shift) - 1;
        int[] start = new int[buckets + 1];
        for (int i = 0; i < n; i++) {
            start[(int) ((keys[i] - min) >>> shift) + 1]++;
        }
        for (int b = 0; b < buckets; b++) {
            start[b + 1] += start[b];
        }
        long[] packed;
        if (sorted) { // pack in place: the key array becomes the index
            packed = keys;
            for (int i = 0; i < n; i++) {
                packed[i] = (((packed[i] - min) & lowMask) << 16) | metas[i];
            }
        } else {
            packed = new long[n];
            int[] cursor = Arrays.copyOf(start, buckets);
            for (int i = 0; i < n; i++) {
                long rel = keys[i] - min;
                packed[cursor[(int) (rel >>> shift)]++] = ((rel & lowMask) << 16) | metas[i];
            }
        }
        keys = null;
        metas = null;
        int w = 0;
        for (int b = 0; b < buckets; b++) {
            int s = start[b];
            int e = start[b + 1];
            if (!sorted && e - s > 1) {
                Arrays.sort(packed, s, e);
            }
            start[b] = w;
            for (int i = s; i < e; i++) {
                long v = packed[i];
                if (w > start[b] && (packed[w - 1] >>> 16) == (v >>> 16)) {
                    long serial = min + ((long) b << shift) + (v >>> 16);
                    rejectIfStrict(BigInteger.valueOf(serial));
                    packed[w - 1] = earlier(serial, packed[w - 1], v);
                } else {
                    packed[w++] = v;
                }
            }
        }
        start[buckets] = w;
        if (packed.length - w > (w >>> 4) + 16) { // more than ~6% slack from a poor hint or duplicates
            packed = Arrays.copyOf(packed, w);
        }
        return new RevokedSerialIndex(epochDay, min, max, shift, start, packed, w, escapes, bigKeys, bigStatus,
                bigCount);
    }

    /** Builds the index for "base with this delta applied" (see {@link RevokedSerialIndex#applyDelta}). */
    RevokedSerialIndex mergeOnto(RevokedSerialIndex base) {
        checkOpen();
        built = true;
        escapes.sortKeepMin();
        RevokedSerialIndexBuilder merged = new RevokedSerialIndexBuilder().duplicates(policy)
                .epochDay(epochSet ? epochDay : base.epochDayBase());
        PrimitiveList touched = new PrimitiveList();
        for (int i = 0; i < shortCount; i++) {
            touched.add(keys[i], 0);
        }
        for (int i = 0; i < removedShort.size; i++) {
            touched.add(removedShort.keys[i], 0);
        }
        touched.sortKeepMin();
        Set<BigInteger> touchedLong = new HashSet<>(longKeys);
        touchedLong.addAll(removedLong);
        base.forEach(new EntryVisitor() {
            private int cursor;

            @Override
            public void shortEntry(long serial, int reasonCode, long day) {
                while (cursor < touched.size && touched.keys[cursor] < serial) {
                    cursor++;
                }
                if (cursor == touched.size || touched.keys[cursor] != serial) {
                    merged.add(serial, reasonCode, day);
                }
            }

            @Override
            public void longEntry(BigInteger serial, int reasonCode, long day) {
                if (!touchedLong.contains(serial)) {
                    merged.add(serial, reasonCode, day);
                }
            }
        });
        for (int i = 0; i < shortCount; i++) {
            long serial = keys[i];
            int meta = metas[i];
            long status = statusOf(serial, meta);
            merged.add(serial, RevokedSerialIndex.reasonCode(status), RevokedSerialIndex.epochDay(status));
        }
        for (int i = 0; i < longKeys.size(); i++) {
            merged.add(longKeys.get(i), (int) (longMeta.keys[i] & 0xF), longMeta.keys[i] >> 4);
        }
        return merged.build();
    }

    /** The value of DER INTEGER content octets if it is in 0..2^63-1, else -1. */
    static long shortValue(byte[] der, int off, int len) {
        if (len <= 0 || der[off] < 0) {
            return -1;
        }
        while (len > 1 && der[off] == 0) {
            off++;
            len--;
        }
        if (len > 8 || (len == 8 && der[off] < 0)) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < len; i++) {
            v = (v << 8) | (der[off + i] & 0xFF);
        }
        return v;
    }

    private RevokedSerialIndexBuilder addLong(BigInteger serial, int reasonCode, long day) {
        longKeys.add(serial);
        longMeta.add((day << 4) | reasonCode, 0);
        return this;
    }

    /** Of two packed entries for one serial, the one with the smaller status (earliest day, then reason). */
    private long earlier(long serial, long a, long b) {
        return statusOf(serial, (int) a & 0xFFFF) <= statusOf(serial, (int) b & 0xFFFF) ? a : b;
    }

    /**
     * Status of an added entry; escaped ones read the escape table (sorted by then, keeping the
     * smallest status per serial, so duplicates that both escaped resolve as KEEP_EARLIEST).
     */
    private long statusOf(long serial, int meta) {
        int day = meta >>> 4;
        if (day != RevokedSerialIndex.ESCAPE_DAY) {
            return ((epochDay + day) << 4) | (meta & 0xF);
        }
        return escapes.values[escapes.indexOf(serial)];
    }

    private void rejectIfStrict(BigInteger serial) {
        if (policy == DuplicatePolicy.REJECT) {
            throw new DuplicateSerialException(serial);
        }
    }

    private void checkOpen() {
        if (built) {
            throw new IllegalStateException("builder already used");
        }
    }

    private static void checkReason(int reasonCode) {
        if (!CrlReason.isValid(reasonCode) || reasonCode == CrlReason.REMOVE_FROM_CRL.code()) {
            throw new IllegalArgumentException("not a revocation reason: " + reasonCode);
        }
    }

    private static void checkDay(long day) {
        if (day < -MAX_ABS_DAY + 4096 || day > MAX_ABS_DAY - 4096) {
            throw new IllegalArgumentException("revocation day out of range: " + day);
        }
    }
}
