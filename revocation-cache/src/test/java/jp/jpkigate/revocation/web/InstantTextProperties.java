package jp.jpkigate.revocation.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** {@link InstantText} writes what {@link Instant#toString} gives, for any instant (years past 9999 and before 0 too). */
class InstantTextProperties {

    static String written(Instant instant) {
        CheckResponse.Bytes out = new CheckResponse.Bytes(1);
        out.put((byte) '>');
        InstantText.write(out, instant);
        return new String(out.bytes, 0, out.size, StandardCharsets.US_ASCII);
    }

    @Property(tries = 1000)
    void sameAsInstantToString(@ForAll @LongRange(min = -400_000_000_000L, max = 400_000_000_000L) long second,
                               @ForAll @IntRange(min = 0, max = 999_999_999) int nanos,
                               @ForAll @IntRange(min = 0, max = 3) int zeros) {
        int nano = switch (zeros) {
            case 0 -> nanos;
            case 1 -> nanos / 1000 * 1000;
            case 2 -> nanos / 1_000_000 * 1_000_000;
            default -> 0;
        };
        Instant instant = Instant.ofEpochSecond(second, nano);
        assertThat(written(instant)).isEqualTo(">" + instant);
    }

    @Property(tries = 200)
    void theEdgesOfTheYears(@ForAll @IntRange(min = -2, max = 2) int offset, @ForAll boolean upper) {
        Instant instant = Instant.ofEpochSecond((upper ? 253_402_300_800L : -62_167_219_200L) + offset, 0);
        assertThat(written(instant)).isEqualTo(">" + instant);
        assertThat(written(Instant.MAX)).isEqualTo(">" + Instant.MAX);
        assertThat(written(Instant.MIN)).isEqualTo(">" + Instant.MIN);
    }
}
