package jp.jpkigate.sim.ca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import jp.jpkigate.sim.ca.FourInfo.Gender;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class FourInfoTest {
    @Test
    void writesTheNameWithAFullWidthSpaceAndNoSubstitutes() {
        FourInfo info = FourInfo.of("山田", "太郎", LocalDate.of(1990, 1, 2), Gender.MALE, "東京都新宿区西新宿二丁目８番１号");
        assertThat(info.name()).isEqualTo("山田\u3000太郎");
        assertThat(info.nameMap()).isEqualTo("00000");
        assertThat(info.gender()).isEqualTo("1");
        assertThat(info.birthDate()).isEqualTo("419900102");
        assertThat(info.addressMap()).hasSize(info.address().length()).matches("0+");
    }

    @Test
    void replacesCharactersOutsideJisX0208AndMarksThemInTheMap() {
        // 𠮷 (U+20BB7) and 髙 (U+9AD9) are not in JIS X 0208.
        FourInfo info = FourInfo.of("\uD842\uDFB7野", "髙子", LocalDate.of(1975, 6, 30), Gender.FEMALE, "大阪府大阪市北区");
        assertThat(info.name()).isEqualTo("〓野\u3000〓子");
        assertThat(info.nameMap()).isEqualTo("10010");
        assertThat(info.birthDate()).isEqualTo("319750630");
        assertThat(info.gender()).isEqualTo("2");
    }

    @Test
    void refusesInconsistentValues() {
        assertThatThrownBy(() -> new FourInfo("山田\u3000太郎", "00", "1", "419900102", "東京都", "000"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FourInfo("a", "0", "4", "419900102", "b", "0"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FourInfo("a", "0", "1", "19900102", "b", "0"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FourInfo.of("山田", "太郎", LocalDate.of(1990, 1, 2), Gender.MALE, "東".repeat(201)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Property(tries = 200)
    void mapsAlwaysHaveOneDigitPerCharacter(@ForAll String family, @ForAll String given) {
        FourInfo info = FourInfo.of(family, given, LocalDate.of(2001, 2, 3), Gender.UNKNOWN, "北海道札幌市");
        assertThat(info.nameMap()).hasSize(info.name().codePointCount(0, info.name().length())).matches("[01]*");
    }
}
