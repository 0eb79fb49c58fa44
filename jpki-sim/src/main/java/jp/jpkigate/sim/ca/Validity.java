package jp.jpkigate.sim.ca;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;

/** Certificate validity rules of JPKI, in Japan time (notAfter at 23:59:59 JST = 14:59:59Z). */
public final class Validity {
    private static final ZoneOffset JST = ZoneOffset.ofHours(9);

    private Validity() {
    }

    /** The 5th birthday after {@code issued}: a birthday on the issue day itself does not count. */
    public static LocalDate fifthBirthdayAfter(LocalDate birthDate, LocalDate issued) {
        LocalDate next = birthDate.withYear(issued.getYear());
        if (!next.isAfter(issued)) {
            next = birthDate.withYear(issued.getYear() + 1);
        }
        return birthDate.withYear(next.getYear() + 4);
    }

    /** The last instant of a day in Japan time. */
    public static Instant endOfDayJst(LocalDate day) {
        return day.atTime(LocalTime.of(23, 59, 59)).toInstant(JST);
    }

    /** The first instant of a day in Japan time. */
    public static Instant startOfDayJst(LocalDate day) {
        return day.atStartOfDay().toInstant(JST);
    }

    public static LocalDate dayInJapan(Instant instant) {
        return instant.atOffset(JST).toLocalDate();
    }
}
