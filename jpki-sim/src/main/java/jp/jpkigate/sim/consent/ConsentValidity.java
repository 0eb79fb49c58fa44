package jp.jpkigate.sim.consent;

import java.time.Instant;
import java.time.LocalDate;
import jp.jpkigate.sim.ca.Validity;

/**
 * A consent is valid for 10 years from the day after J-LIS records it (JPKI.md, Latest
 * 4-information service), counted in Japan time the way the Civil Code counts periods in years
 * (民法 140条, 143条): the first day is the day after recording; the period ends on the day before
 * the day of the 10th year that corresponds to the first day, or, when that month has no such day
 * (a first day of 29 February), on the last day of that month.
 * <pre>
 *   recorded 2026-11-23 (JST)  first day 2026-11-24  valid until 2036-11-23
 *   recorded 2028-02-28 (JST)  first day 2028-02-29  valid until 2038-02-28 (no 2038-02-29)
 * </pre>
 * The consent is in force until the end of its last day in Japan time and expires at 00:00 JST
 * of the following day.
 */
public final class ConsentValidity {
    /** Years a consent is valid. */
    public static final int YEARS = 10;

    private ConsentValidity() {
    }

    /** The last day of validity of a consent recorded at {@code recordedAt}. */
    public static LocalDate validUntil(Instant recordedAt) {
        LocalDate firstDay = Validity.dayInJapan(recordedAt).plusDays(1);
        LocalDate corresponding = firstDay.plusYears(YEARS);
        boolean noCorrespondingDay = corresponding.getDayOfMonth() != firstDay.getDayOfMonth();
        return noCorrespondingDay ? corresponding : corresponding.minusDays(1);
    }

    /** The instant a consent valid until {@code validUntil} expires: the next day's 00:00 JST. */
    public static Instant expiresAt(LocalDate validUntil) {
        return Validity.startOfDayJst(validUntil.plusDays(1));
    }
}
