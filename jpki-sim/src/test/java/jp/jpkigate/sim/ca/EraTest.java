package jp.jpkigate.sim.ca;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.time.api.constraints.DateRange;
import org.junit.jupiter.api.Test;

class EraTest {
    @Test
    void encodesTheJpkiBirthDateFormat() {
        assertThat(Era.encode(LocalDate.of(1990, 1, 2))).isEqualTo("419900102");
        assertThat(Era.encode(LocalDate.of(1989, 1, 7))).isEqualTo("319890107");
        assertThat(Era.encode(LocalDate.of(1989, 1, 8))).isEqualTo("419890108");
        assertThat(Era.encode(LocalDate.of(2019, 4, 30))).isEqualTo("420190430");
        assertThat(Era.encode(LocalDate.of(2019, 5, 1))).isEqualTo("520190501");
        assertThat(Era.encode(LocalDate.of(1926, 12, 25))).isEqualTo("319261225");
        assertThat(Era.encode(LocalDate.of(1912, 7, 29))).isEqualTo("119120729");
        assertThat(Era.encode(LocalDate.of(1850, 1, 1))).isEqualTo("018500101");
    }

    @Property(tries = 300)
    void theGregorianDateSurvivesEncoding(@ForAll @DateRange(min = "1868-10-23", max = "2100-12-31") LocalDate date) {
        String encoded = Era.encode(date);
        assertThat(encoded).hasSize(9);
        assertThat(LocalDate.parse(encoded.substring(1, 5) + "-" + encoded.substring(5, 7) + "-" + encoded.substring(7)))
                .isEqualTo(date);
        assertThat(Character.getNumericValue(encoded.charAt(0))).isBetween(1, 5);
    }
}
