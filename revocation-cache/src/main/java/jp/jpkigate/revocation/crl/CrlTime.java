package jp.jpkigate.revocation.crl;

import jp.jpkigate.revocation.crl.CrlParseException.Kind;

/**
 * RFC 5280 section 5.1.2.4 / 4.1.2.5: "CRL issuers MUST encode thisUpdate as UTCTime for dates
 * through the year 2049" and GeneralizedTime from 2050; both "MUST be expressed in Greenwich Mean
 * Time (Zulu) and MUST include seconds", GeneralizedTime "MUST NOT include fractional seconds".
 * UTCTime YY &gt;= 50 means 19YY, else 20YY. Parsed to epoch seconds without allocating.
 */
final class CrlTime {
    private final byte[] scratch = new byte[15];

    /** Reads a UTCTime or GeneralizedTime element; returns seconds since 1970-01-01T00:00:00Z. */
    long read(DerInput d, long end) throws CrlParseException {
        int tag = d.peekTag(end);
        int expected = tag == DerInput.UTC_TIME ? 13 : 15;
        if (tag != DerInput.UTC_TIME && tag != DerInput.GENERALIZED_TIME) {
            throw d.error(Kind.MALFORMED, "expected UTCTime or GeneralizedTime");
        }
        long contentEnd = d.expect(tag, end);
        if (contentEnd - d.position() != expected) {
            throw d.error(Kind.MALFORMED, "time must be " + expected + " characters");
        }
        d.read(scratch, 0, expected);
        if (scratch[expected - 1] != 'Z') {
            throw d.error(Kind.MALFORMED, "time must end in Z");
        }
        int year;
        int i;
        if (tag == DerInput.UTC_TIME) {
            int yy = digits(d, 0, 2);
            year = yy >= 50 ? 1900 + yy : 2000 + yy;
            i = 2;
        } else {
            year = digits(d, 0, 4);
            i = 4;
        }
        int month = digits(d, i, 2);
        int day = digits(d, i + 2, 2);
        int hour = digits(d, i + 4, 2);
        int minute = digits(d, i + 6, 2);
        int second = digits(d, i + 8, 2);
        if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59
                || second > 59) {
            throw d.error(Kind.MALFORMED, "time field out of range");
        }
        return epochDay(year, month, day) * 86_400L + hour * 3600L + minute * 60L + second;
    }

    private int digits(DerInput d, int from, int count) throws CrlParseException {
        int v = 0;
        for (int k = from; k < from + count; k++) {
            int c = scratch[k] - '0';
            if (c < 0 || c > 9) {
                throw d.error(Kind.MALFORMED, "non-digit in time");
            }
            v = v * 10 + c;
        }
        return v;
    }

    private static int daysInMonth(int year, int month) {
        if (month == 2) {
            boolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
            return leap ? 29 : 28;
        }
        return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
    static long epochDay(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year;
        int era = Math.floorDiv(y, 400);
        int yoe = y - era * 400;
        int doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097L + doe - 719_468L;
    }
}
