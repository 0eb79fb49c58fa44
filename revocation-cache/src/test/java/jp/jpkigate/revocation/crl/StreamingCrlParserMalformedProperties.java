package jp.jpkigate.revocation.crl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.time.Duration;
import java.util.Arrays;
import jp.jpkigate.revocation.crl.CrlParseException.Kind;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Assertions;

/** Any damage to the input ends in a CrlParseException, quickly and without large allocations. */
class StreamingCrlParserMalformedProperties {
    private static final byte[] VALID = TestCrls.small();
    private static final Duration PROMPT = Duration.ofSeconds(5);
    private final StreamingCrlParser parser = new StreamingCrlParser(1 << 20, 256);

    private void assertRejected(byte[] input) {
        Assertions.assertTimeoutPreemptively(PROMPT, () -> assertThatThrownBy(
                () -> parser.parse(new ByteArrayInputStream(input), TestCrls.EC.getPublic(), new CollectingHandler()))
                .isInstanceOf(CrlParseException.class));
    }

    @Property(tries = 300)
    void arbitraryBytes(@ForAll @Size(max = 600) byte[] input) {
        assertRejected(input);
    }

    @Property(tries = 300)
    void arbitraryBytesAfterASequenceHeader(@ForAll @Size(max = 300) byte[] tail) {
        byte[] input = new byte[tail.length + 2];
        input[0] = 0x30;
        input[1] = (byte) tail.length;
        System.arraycopy(tail, 0, input, 2, tail.length);
        assertRejected(Arrays.copyOf(input, Math.min(input.length, 129)));
    }

    @Example
    void everyTruncation() {
        for (int len = 0; len < VALID.length; len++) {
            assertRejected(Arrays.copyOf(VALID, len));
        }
    }

    @Property(tries = 400)
    void bitFlips(@ForAll("offsets") int offset, @ForAll @IntRange(min = 0, max = 7) int bit) {
        byte[] input = VALID.clone();
        input[offset] ^= (byte) (1 << bit);
        assertRejected(input);
    }

    @Provide
    Arbitrary<Integer> offsets() {
        return Arbitraries.integers().between(0, VALID.length - 1);
    }

    @Example
    void trailingGarbage() {
        byte[] input = Arrays.copyOf(VALID, VALID.length + 1);
        assertRejected(input);
    }

    @Example
    void hugeDeclaredLengthOnAShortStreamIsTruncated() throws Exception {
        byte[] input = {0x30, (byte) 0x84, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x30, 0x00};
        CrlParseException e = Assertions.assertThrows(CrlParseException.class, () -> new StreamingCrlParser()
                .parse(new ByteArrayInputStream(input), TestCrls.EC.getPublic(), new CollectingHandler()));
        assertThat(e.kind()).isIn(Kind.TRUNCATED, Kind.MALFORMED);
    }

    @Example
    void hugeLengthsInsideAreCappedByTheEnclosingElement() {
        // TBSCertList claims 4 GiB inside a 16-byte CertificateList; a serial claims 2 GiB.
        assertRejected(new byte[] {0x30, 0x0E, 0x30, (byte) 0x84, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF});
        byte[] bigIssuer = {0x30, (byte) 0x83, 0x10, 0, 0, 0x30, (byte) 0x83, 0x0F, (byte) 0xFF, (byte) 0xF0, 0x30, 0x03,
            0x06, 0x01, 0x00, 0x30, (byte) 0x83, 0x0F, (byte) 0xFF, 0x00};
        assertRejected(bigIssuer);
    }

    @Example
    void lengthOfFiveOctetsIsRefused() {
        assertRejected(new byte[] {0x30, (byte) 0x85, 1, 0, 0, 0, 0});
    }

    @Example
    void indefiniteLengthIsRefused() {
        assertRejected(new byte[] {0x30, (byte) 0x80, 0, 0});
    }

    @Example
    void endlessStreamAfterAHugeHeaderEndsAtTheConfiguredMaximum() {
        InputStream endless = new SequenceInputStream(new ByteArrayInputStream(new byte[] {0x30, (byte) 0x84, 0x0F,
            (byte) 0xFF, (byte) 0xFF, (byte) 0xFF}), new InputStream() {
                @Override
                public int read() {
                    return 0x30;
                }
            });
        Assertions.assertTimeoutPreemptively(PROMPT, () -> assertThatThrownBy(
                () -> parser.parse(endless, TestCrls.EC.getPublic(), new CollectingHandler()))
                .isInstanceOfSatisfying(CrlParseException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TOO_LARGE)));
    }
}
