package jp.jpkigate.sim.ca;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ValidityTest {
    @Test
    void runsToTheFifthBirthdayAfterIssue() {
        LocalDate birth = LocalDate.of(1990, 1, 2);
        assertThat(Validity.fifthBirthdayAfter(birth, LocalDate.of(2026, 11, 22))).isEqualTo(LocalDate.of(2031, 1, 2));
        assertThat(Validity.fifthBirthdayAfter(birth, LocalDate.of(2026, 1, 1))).isEqualTo(LocalDate.of(2030, 1, 2));
        // A birthday on the day of issue is not one of the five.
        assertThat(Validity.fifthBirthdayAfter(birth, LocalDate.of(2026, 1, 2))).isEqualTo(LocalDate.of(2031, 1, 2));
    }

    @Test
    void leapDayBirthdaysFallOnTheLastDayOfFebruary() {
        assertThat(Validity.fifthBirthdayAfter(LocalDate.of(2000, 2, 29), LocalDate.of(2025, 3, 1)))
                .isEqualTo(LocalDate.of(2030, 2, 28));
    }

    @Test
    void daysEndAtMidnightJapanTime() {
        assertThat(Validity.endOfDayJst(LocalDate.of(2031, 1, 2))).isEqualTo(Instant.parse("2031-01-02T14:59:59Z"));
        assertThat(Validity.startOfDayJst(LocalDate.of(2026, 1, 1))).isEqualTo(Instant.parse("2025-12-31T15:00:00Z"));
        assertThat(Validity.dayInJapan(Instant.parse("2025-12-31T15:00:00Z"))).isEqualTo(LocalDate.of(2026, 1, 1));
    }
}
