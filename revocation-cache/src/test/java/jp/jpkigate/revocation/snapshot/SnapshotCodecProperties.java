package jp.jpkigate.revocation.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import jp.jpkigate.revocation.crl.CrlMetadata;
import jp.jpkigate.revocation.crl.CrlSnapshot;
import jp.jpkigate.revocation.index.RevokedSerialIndex;
import jp.jpkigate.revocation.index.RevokedSerialIndexBuilder;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Decoding gives back an index that answers like the original; bad input is always refused. */
class SnapshotCodecProperties {
    private static final BigInteger TWO_63 = BigInteger.ONE.shiftLeft(63);
    private static final long DAY = TestSnapshots.DAY;

    record Entry(BigInteger serial, int reason, long day) {
    }

    @Provide
    Arbitrary<BigInteger> serials() {
        Arbitrary<BigInteger> boundary = Arbitraries.of(BigInteger.ZERO, BigInteger.ONE, TWO_63,
                TWO_63.subtract(BigInteger.ONE), BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE),
                BigInteger.valueOf(-1));
        Arbitrary<BigInteger> dense = Arbitraries.longs().between(0, 3_000).map(BigInteger::valueOf);
        Arbitrary<BigInteger> wide = Arbitraries.longs().between(0, Long.MAX_VALUE).map(BigInteger::valueOf);
        Arbitrary<BigInteger> big = Arbitraries.bigIntegers().between(TWO_63, BigInteger.ONE.shiftLeft(160));
        return Arbitraries.frequencyOf(Tuple.of(1, boundary), Tuple.of(5, dense), Tuple.of(2, wide), Tuple.of(2, big));
    }

    @Provide
    Arbitrary<List<Entry>> entries() {
        Arbitrary<Integer> reason = Arbitraries.of(0, 1, 2, 3, 4, 5, 6, 9, 10);
        Arbitrary<Long> day = Arbitraries.longs().between(DAY - 9000, DAY + 3000); // some outside the window
        return Combinators.combine(serials(), reason, day).as(Entry::new).list().ofMaxSize(200);
    }

    private static CrlSnapshot snapshot(List<Entry> entries) {
        RevokedSerialIndexBuilder b = RevokedSerialIndex.builder();
        entries.forEach(e -> b.add(e.serial(), e.reason(), e.day()));
        return new CrlSnapshot(b.build(), TestSnapshots.metadata(entries.size() + 2));
    }

    @Property(tries = 300)
    void roundTripAnswersLikeTheOriginal(@ForAll("entries") List<Entry> entries,
            @ForAll @Size(max = 50) List<@net.jqwik.api.From("serials") BigInteger> probes) throws Exception {
        CrlSnapshot original = snapshot(entries);
        byte[] encoded = SnapshotCodec.encode(original);
        CrlSnapshot decoded = SnapshotCodec.decode(encoded);

        assertThat((long) encoded.length).isEqualTo(SnapshotCodec.encodedSize(original));
        assertThat(decoded.index().size()).isEqualTo(original.index().size());
        for (Entry e : entries) {
            assertThat(decoded.index().find(e.serial())).isEqualTo(original.index().find(e.serial()));
        }
        for (BigInteger p : probes) {
            assertThat(decoded.index().find(p)).isEqualTo(original.index().find(p));
        }
        assertSameMetadata(decoded.metadata(), original.metadata());
    }

    @Property(tries = 500)
    void arbitraryBytesAreRefused(@ForAll @Size(max = 400) byte[] bytes) {
        assertThatThrownBy(() -> SnapshotCodec.decode(bytes)).isInstanceOf(SnapshotFormatException.class);
    }

    @Property(tries = 500)
    void arbitraryBytesAfterAValidStartAreRefused(@ForAll @Size(max = 400) byte[] tail) {
        byte[] start = Arrays.copyOf(SnapshotCodec.encode(TestSnapshots.random(10, 1)), 16);
        byte[] bytes = Arrays.copyOf(start, 16 + tail.length);
        System.arraycopy(tail, 0, bytes, 16, tail.length);
        assertThatThrownBy(() -> SnapshotCodec.decode(bytes)).isInstanceOf(SnapshotFormatException.class);
    }

    @Property(tries = 400)
    void bitFlipsAreRefused(@ForAll("entries") List<Entry> entries, @ForAll @IntRange(min = 0) int position,
            @ForAll @IntRange(max = 7) int bit) {
        byte[] encoded = SnapshotCodec.encode(snapshot(entries));
        encoded[position % encoded.length] ^= (byte) (1 << bit);
        assertThatThrownBy(() -> SnapshotCodec.decode(encoded)).isInstanceOf(SnapshotFormatException.class);
    }

    @Example
    void truncationAtEveryOffsetIsRefused() throws Exception {
        byte[] encoded = SnapshotCodec.encode(TestSnapshots.random(300, 2));
        for (int length = 0; length < encoded.length; length++) {
            byte[] truncated = Arrays.copyOf(encoded, length);
            assertThatThrownBy(() -> SnapshotCodec.decode(truncated)).isInstanceOf(SnapshotFormatException.class);
        }
        byte[] longer = Arrays.copyOf(encoded, encoded.length + 1);
        assertThatThrownBy(() -> SnapshotCodec.decode(longer)).isInstanceOf(SnapshotFormatException.class);
        assertThat(SnapshotCodec.decode(encoded).index().size()).isEqualTo(320);
    }

    private static void assertSameMetadata(CrlMetadata actual, CrlMetadata expected) {
        assertThat(actual.issuer()).isEqualTo(expected.issuer());
        assertThat(actual.authorityKeyId()).isEqualTo(expected.authorityKeyId());
        assertThat(actual.crlNumber()).isEqualTo(expected.crlNumber());
        assertThat(actual.completeCrlNumber()).isEqualTo(expected.completeCrlNumber());
        assertThat(actual.thisUpdate()).isEqualTo(expected.thisUpdate());
        assertThat(actual.nextUpdate()).isEqualTo(expected.nextUpdate());
        assertThat(actual.issuingDistributionPoint()).isEqualTo(expected.issuingDistributionPoint());
        assertThat(actual.entryCount()).isEqualTo(expected.entryCount());
    }
}
