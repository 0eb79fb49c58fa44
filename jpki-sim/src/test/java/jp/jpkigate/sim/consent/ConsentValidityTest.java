package jp.jpkigate.sim.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** 10 years from the day after J-LIS records the consent, in Japan time, counted as the Civil Code counts years. */
class ConsentValidityTest {
    @Test
    void validUntilTheDayBeforeTheCorrespondingDayTenYearsOn() {
        // recorded 2026-11-23 in Japan: first day 2026-11-24, valid until 2036-11-23
        assertThat(ConsentValidity.validUntil(Instant.parse("2026-11-23T09:30:00+09:00"))).isEqualTo("2036-11-23");
        assertThat(ConsentValidity.validUntil(Instant.parse("2026-11-22T15:00:00Z")))
                .as("00:00 JST on the 23rd is already the 23rd in Japan").isEqualTo("2036-11-23");
        assertThat(ConsentValidity.validUntil(Instant.parse("2026-11-22T14:59:59Z")))
                .as("23:59:59 JST on the 22nd").isEqualTo("2036-11-22");
        assertThat(ConsentValidity.validUntil(Instant.parse("2026-12-31T12:00:00Z")))
                .as("recorded on New Year's Day in Japan").isEqualTo("2036-12-31");
    }

    @Test
    void aFirstDayOf29FebruaryEndsOnTheLastDayOfFebruary() {
        // recorded 2028-02-28: first day 2028-02-29; 2038 has no 29 February
        assertThat(ConsentValidity.validUntil(Instant.parse("2028-02-28T12:00:00+09:00"))).isEqualTo("2038-02-28");
        // recorded 2027-02-28: first day 2027-03-01, valid until 2037-02-28
        assertThat(ConsentValidity.validUntil(Instant.parse("2027-02-28T12:00:00+09:00"))).isEqualTo("2037-02-28");
        // recorded 2030-02-28: first day 2030-03-01, and 2040 is a leap year: valid until 2040-02-29
        assertThat(ConsentValidity.validUntil(Instant.parse("2030-02-28T12:00:00+09:00"))).isEqualTo("2040-02-29");
    }

    @Test
    void expiresAtMidnightInJapanAfterTheLastDay() {
        assertThat(ConsentValidity.expiresAt(LocalDate.of(2036, 11, 23))).isEqualTo("2036-11-23T15:00:00Z");
    }
}
