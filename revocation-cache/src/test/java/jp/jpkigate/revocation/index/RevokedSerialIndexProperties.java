package jp.jpkigate.revocation.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The index answers like a {@code TreeMap<BigInteger, status>}, including after a delta. */
class RevokedSerialIndexProperties {
    private static final BigInteger TWO_63 = BigInteger.ONE.shiftLeft(63);
    private static final long DAY = 20_000;

    record Entry(BigInteger serial, int reason, long day) {
        long status() {
            return (day << 4) | reason;
        }
    }

    @Provide
    Arbitrary<BigInteger> serials() {
        Arbitrary<BigInteger> boundary = Arbitraries.of(BigInteger.ZERO, BigInteger.ONE,
                BigInteger.valueOf(Long.MAX_VALUE), TWO_63, BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE),
                BigInteger.valueOf(Long.MAX_VALUE - 1), BigInteger.valueOf(255), BigInteger.valueOf(256));
        Arbitrary<BigInteger> dense = Arbitraries.longs().between(0, 5_000).map(BigInteger::valueOf);
        Arbitrary<BigInteger> wide = Arbitraries.longs().between(0, Long.MAX_VALUE).map(BigInteger::valueOf);
        Arbitrary<BigInteger> big = Arbitraries.bigIntegers().between(BigInteger.ZERO, BigInteger.ONE.shiftLeft(160));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(2, boundary), net.jqwik.api.Tuple.of(5, dense),
                net.jqwik.api.Tuple.of(3, wide), net.jqwik.api.Tuple.of(2, big));
    }

    @Provide
    Arbitrary<List<Entry>> entries() {
        Arbitrary<Integer> reason = Arbitraries.of(0, 1, 2, 3, 4, 5, 6, 9, 10);
        Arbitrary<Long> day = Arbitraries.longs().between(DAY - 5000, DAY + 5000);
        return Combinators.combine(serials(), reason, day).as(Entry::new).list().ofMaxSize(300);
    }

    private static Map<BigInteger, Long> model(List<Entry> entries) {
        TreeMap<BigInteger, Long> m = new TreeMap<>();
        for (Entry e : entries) {
            m.merge(e.serial(), e.status(), Math::min); // KEEP_EARLIEST == smallest (day, reason)
        }
        return m;
    }

    private static RevokedSerialIndexBuilder builder(List<Entry> entries) {
        RevokedSerialIndexBuilder b = RevokedSerialIndex.builder();
        for (Entry e : entries) {
            b.add(e.serial(), e.reason(), e.day());
        }
        return b;
    }

    private static void assertSame(RevokedSerialIndex index, Map<BigInteger, Long> model, List<BigInteger> probes) {
        assertThat(index.size()).isEqualTo(model.size());
        for (Map.Entry<BigInteger, Long> e : model.entrySet()) {
            assertThat(index.find(e.getKey())).as("serial %s", e.getKey()).isEqualTo(e.getValue());
            if (e.getKey().bitLength() <= 63) {
                assertThat(index.find(e.getKey().longValueExact())).isEqualTo(e.getValue());
            }
            byte[] mag = e.getKey().toByteArray();
            assertThat(index.find(mag)).isEqualTo(e.getValue());
        }
        for (BigInteger p : probes) {
            long expected = model.getOrDefault(p, RevokedSerialIndex.NOT_REVOKED);
            assertThat(index.find(p)).as("probe %s", p).isEqualTo(expected);
            BigInteger next = p.add(BigInteger.ONE);
            assertThat(index.find(next)).isEqualTo(model.getOrDefault(next, RevokedSerialIndex.NOT_REVOKED));
        }
    }

    @Property(tries = 200)
    void answersLikeATreeMap(@ForAll("entries") List<Entry> entries, @ForAll("probes") List<BigInteger> probes) {
        assertSame(builder(entries).build(), model(entries), probes);
    }

    @Property(tries = 150)
    void deltaAnswersLikeTheModel(@ForAll("entries") List<Entry> base, @ForAll("entries") List<Entry> adds,
            @ForAll("probes") List<BigInteger> removes) {
        Map<BigInteger, Long> expected = new TreeMap<>(model(base));
        Map<BigInteger, Long> added = model(adds);
        removes.forEach(expected::remove);
        added.keySet().forEach(expected::remove);
        expected.putAll(added);
        RevokedSerialIndexBuilder delta = builder(adds);
        removes.forEach(delta::remove);
        RevokedSerialIndex next = builder(base).build().applyDelta(delta);
        assertSame(next, expected, removes);
    }

    /**
     * Serial sets that defeat interpolation: dense runs separated by huge gaps, everything sharing
     * its high bits (or sitting right under 2^63), steps of every size, and long serials mixed in.
     */
    @Provide
    Arbitrary<List<Entry>> adversarialEntries() {
        Arbitrary<Long> base = Arbitraries.oneOf(Arbitraries.of(0L, 1L, 1L << 56, 1L << 62, Long.MAX_VALUE - 50_000),
                Arbitraries.longs().between(0, Long.MAX_VALUE));
        Arbitrary<Long> step = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.longs().between(1, 3)),
                net.jqwik.api.Tuple.of(2, Arbitraries.longs().between(1, 2_000)),
                net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(1, 1L << 40)),
                net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(1, Long.MAX_VALUE >>> 2)));
        Arbitrary<Integer> reason = Arbitraries.of(0, 1, 4, 6, 10);
        Arbitrary<Long> day = Arbitraries.longs().between(DAY - 5000, DAY + 5000);
        Arbitrary<List<Entry>> tail = Combinators.combine(serials(), reason, day).as(Entry::new).list().ofMaxSize(20);
        return Combinators.combine(base, step.list().ofMinSize(1).ofMaxSize(3_000), reason.list().ofSize(8),
                day.list().ofSize(8), tail).as((start, steps, reasons, days, extra) -> {
                    List<Entry> out = new java.util.ArrayList<>();
                    long s = start;
                    for (int i = 0; i < steps.size(); i++) {
                        out.add(new Entry(BigInteger.valueOf(s), reasons.get(i & 7), days.get((i * 5) & 7)));
                        if (s > Long.MAX_VALUE - steps.get(i)) {
                            break;
                        }
                        s += steps.get(i);
                    }
                    out.addAll(extra);
                    if ((steps.size() & 1) == 0) { // else ascending: the builder's in-place path
                        java.util.Collections.shuffle(out, new java.util.Random(start ^ steps.size()));
                    }
                    return out;
                });
    }

    @Property(tries = 300)
    void adversarialDistributionsAnswerLikeATreeMap(@ForAll("adversarialEntries") List<Entry> entries,
            @ForAll("probes") List<BigInteger> probes) {
        Map<BigInteger, Long> model = model(entries);
        RevokedSerialIndex index = builder(entries).build();
        assertSame(index, model, probes);
        for (BigInteger k : model.keySet()) { // every neighbour of every entry
            for (int d = -2; d <= 2; d++) {
                BigInteger p = k.add(BigInteger.valueOf(d));
                if (p.signum() >= 0) {
                    assertThat(index.find(p)).as("neighbour %s", p)
                            .isEqualTo(model.getOrDefault(p, RevokedSerialIndex.NOT_REVOKED));
                }
            }
        }
    }

    @Provide
    Arbitrary<List<BigInteger>> probes() {
        return serials().list().ofMaxSize(50);
    }
}
