package jp.jpkigate.revocation.index;

import static jp.jpkigate.revocation.index.RevokedSerialIndex.NOT_REVOKED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RevokedSerialIndexTest {
    private static final long DAY = LocalDate.parse("2025-04-01").toEpochDay();
    private static final BigInteger TWO_63 = BigInteger.ONE.shiftLeft(63);
    private static final BigInteger TWO_64_MINUS_1 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    @Test
    void boundaryValuesOnBothPaths() {
        RevokedSerialIndex index = RevokedSerialIndex.builder().add(0, 1, DAY).add(1, 4, DAY + 1)
                .add(Long.MAX_VALUE, 6, DAY + 2).add(TWO_63, 3, DAY + 3).add(TWO_64_MINUS_1, 5, DAY + 4).build();
        assertThat(index.size()).isEqualTo(5);
        assertThat(index.lookup(BigInteger.ZERO)).contains(new Revocation(CrlReason.KEY_COMPROMISE,
                LocalDate.ofEpochDay(DAY)));
        assertThat(RevokedSerialIndex.reasonCode(index.find(1))).isEqualTo(4);
        assertThat(RevokedSerialIndex.epochDay(index.find(Long.MAX_VALUE))).isEqualTo(DAY + 2);
        assertThat(index.lookup(TWO_63).map(Revocation::reason)).contains(CrlReason.AFFILIATION_CHANGED);
        assertThat(index.find(TWO_64_MINUS_1)).isNotEqualTo(NOT_REVOKED);
        assertThat(index.find(new byte[] {(byte) 0x80, 0, 0, 0, 0, 0, 0, 0})).isEqualTo(index.find(TWO_63));
        assertThat(index.find(new byte[] {0, 0, 0x01})).isEqualTo(index.find(1));
        assertThat(index.find(2)).isEqualTo(NOT_REVOKED);
        assertThat(index.find(Long.MAX_VALUE - 1)).isEqualTo(NOT_REVOKED);
        assertThat(index.find(-1L)).isEqualTo(NOT_REVOKED);
        assertThat(index.lookup(TWO_63.add(BigInteger.ONE))).isEqualTo(Optional.empty());
    }

    @Test
    void emptyIndex() {
        RevokedSerialIndex index = RevokedSerialIndex.builder().build();
        assertThat(index.size()).isZero();
        assertThat(index.find(0)).isEqualTo(NOT_REVOKED);
        assertThat(index.find(TWO_63)).isEqualTo(NOT_REVOKED);
        assertThat(RevokedSerialIndex.empty().find(5)).isEqualTo(NOT_REVOKED);
    }

    @Test
    void datesOutsideTheTwelveBitWindowAreKeptExactly() {
        RevokedSerialIndex index = RevokedSerialIndex.builder().epochDay(DAY).add(10, 1, DAY - 1)
                .add(11, 2, DAY + 4094).add(12, 6, DAY + 4095).add(13, 0, DAY - 40_000).build();
        assertThat(RevokedSerialIndex.epochDay(index.find(10))).isEqualTo(DAY - 1);
        assertThat(RevokedSerialIndex.epochDay(index.find(11))).isEqualTo(DAY + 4094);
        assertThat(RevokedSerialIndex.epochDay(index.find(12))).isEqualTo(DAY + 4095);
        assertThat(RevokedSerialIndex.reasonCode(index.find(12))).isEqualTo(6);
        assertThat(RevokedSerialIndex.epochDay(index.find(13))).isEqualTo(DAY - 40_000);
    }

    @Test
    void duplicatesKeepTheEarliestWhateverTheOrder() {
        RevokedSerialIndex a = RevokedSerialIndex.builder().add(7, 6, DAY + 5).add(7, 1, DAY + 2).add(7, 0, DAY + 2)
                .add(1L << 40, 4, DAY).add(1L << 40, 3, DAY).build();
        RevokedSerialIndex b = RevokedSerialIndex.builder().add(1L << 40, 3, DAY).add(7, 0, DAY + 2)
                .add(1L << 40, 4, DAY).add(7, 1, DAY + 2).add(7, 6, DAY + 5).build();
        assertThat(a.size()).isEqualTo(2);
        assertThat(a.find(7)).isEqualTo(b.find(7)).isEqualTo((DAY + 2) << 4);
        assertThat(RevokedSerialIndex.reasonCode(a.find(1L << 40))).isEqualTo(3);
        assertThat(RevokedSerialIndex.reasonCode(b.find(1L << 40))).isEqualTo(3);
    }

    @Test
    void duplicatesCanBeRejected() {
        RevokedSerialIndexBuilder b = RevokedSerialIndex.builder().duplicates(DuplicatePolicy.REJECT)
                .add(5, 1, DAY).add(9, 1, DAY).add(5, 1, DAY);
        assertThatThrownBy(b::build).isInstanceOfSatisfying(DuplicateSerialException.class,
                e -> assertThat(e.serial()).isEqualTo(BigInteger.valueOf(5)));
        RevokedSerialIndexBuilder longDup = RevokedSerialIndex.builder().duplicates(DuplicatePolicy.REJECT)
                .add(TWO_63, 1, DAY).add(TWO_63, 2, DAY);
        assertThatThrownBy(longDup::build).isInstanceOf(DuplicateSerialException.class);
    }

    @Test
    void deltaReplacesAddsAndRemoves() {
        RevokedSerialIndex base = RevokedSerialIndex.builder().add(100, 6, DAY).add(200, 1, DAY).add(300, 4, DAY)
                .add(TWO_63, 6, DAY).build();
        RevokedSerialIndexBuilder delta = RevokedSerialIndex.builder().remove(BigInteger.valueOf(100))
                .add(200, 1, DAY).add(300, 1, DAY + 1).add(400, 6, DAY + 1).remove(TWO_63)
                .remove(BigInteger.valueOf(999));
        RevokedSerialIndex next = base.applyDelta(delta);
        assertThat(next.find(100)).isEqualTo(NOT_REVOKED);
        assertThat(next.find(200)).isEqualTo(base.find(200));
        assertThat(next.find(300)).isEqualTo(((DAY + 1) << 4) | 1);
        assertThat(next.find(400)).isEqualTo(((DAY + 1) << 4) | 6);
        assertThat(next.find(TWO_63)).isEqualTo(NOT_REVOKED);
        assertThat(next.size()).isEqualTo(3);
        assertThat(base.find(100)).isNotEqualTo(NOT_REVOKED); // base unchanged
    }

    @Test
    void unorderedInputGivesTheSameIndexAsOrdered() {
        RevokedSerialIndexBuilder asc = RevokedSerialIndex.builder().epochDay(DAY);
        RevokedSerialIndexBuilder desc = RevokedSerialIndex.builder().epochDay(DAY);
        for (int i = 0; i < 100_000; i++) {
            asc.add(1_000_000L + 7L * i, i % 7, DAY + i % 3000);
        }
        for (int i = 100_000 - 1; i >= 0; i--) {
            desc.add(1_000_000L + 7L * i, i % 7, DAY + i % 3000);
        }
        RevokedSerialIndex a = asc.build();
        RevokedSerialIndex d = desc.build();
        for (long s = 999_990; s < 1_000_000L + 7L * 100_000 + 10; s++) {
            assertThat(d.find(s)).isEqualTo(a.find(s));
        }
        assertThat(a.bytesUsed() / (double) a.size()).isLessThan(10.0);
    }

    @Test
    void reasonsAreValidated() {
        assertThatThrownBy(() -> RevokedSerialIndex.builder().add(1, 8, DAY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RevokedSerialIndex.builder().add(1, 7, DAY)).isInstanceOf(IllegalArgumentException.class);
    }
}
