package jp.jpkigate.sim.ca;

import java.time.LocalDate;

/** Japanese eras as coded in the first digit of a JPKI birth date (EYYYYMMDD). */
public enum Era {
    UNKNOWN(0, null),
    MEIJI(1, LocalDate.of(1868, 10, 23)),
    TAISHO(2, LocalDate.of(1912, 7, 30)),
    SHOWA(3, LocalDate.of(1926, 12, 25)),
    HEISEI(4, LocalDate.of(1989, 1, 8)),
    REIWA(5, LocalDate.of(2019, 5, 1));

    private final int code;
    private final LocalDate start;

    Era(int code, LocalDate start) {
        this.code = code;
        this.start = start;
    }

    public int code() {
        return code;
    }

    /** The era a Gregorian date falls in; UNKNOWN before Meiji. */
    public static Era of(LocalDate date) {
        Era found = UNKNOWN;
        for (Era era : values()) {
            if (era.start != null && !date.isBefore(era.start)) {
                found = era;
            }
        }
        return found;
    }

    /** EYYYYMMDD, e.g. 1990-01-02 gives {@code 419900102}. */
    public static String encode(LocalDate date) {
        return String.format("%d%04d%02d%02d", of(date).code, date.getYear(), date.getMonthValue(), date.getDayOfMonth());
    }
}
