package jp.jpkigate.revocation.web;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * {@link Instant#toString} (ISO-8601, UTC, {@code 2026-11-20T03:00:00.123456Z}: the fraction in groups of
 * three digits, none when zero) written into a byte array without the JDK's formatter, which builds
 * several strings per call. Years outside 0000 to 9999 are left to the JDK.
 */
final class InstantText {
    /** 0000-01-01T00:00:00Z and 10000-01-01T00:00:00Z. */
    private static final long MIN_SECOND = -62_167_219_200L;
    private static final long MAX_SECOND = 253_402_300_800L;

    private InstantText() {
    }

    /** Appends the ASCII of {@code instant.toString()}. */
    static void write(CheckResponse.Bytes out, Instant instant) {
        long second = instant.getEpochSecond();
        if (second < MIN_SECOND || second >= MAX_SECOND) {
            out.ascii(instant.toString());
            return;
        }
        LocalDateTime t = LocalDateTime.ofEpochSecond(second, 0, ZoneOffset.UTC);
        out.ensure(30);
        digits(out, t.getYear(), 4);
        out.bytes[out.size++] = '-';
        digits(out, t.getMonthValue(), 2);
        out.bytes[out.size++] = '-';
        digits(out, t.getDayOfMonth(), 2);
        out.bytes[out.size++] = 'T';
        digits(out, t.getHour(), 2);
        out.bytes[out.size++] = ':';
        digits(out, t.getMinute(), 2);
        out.bytes[out.size++] = ':';
        digits(out, t.getSecond(), 2);
        int nano = instant.getNano();
        if (nano != 0) {
            out.bytes[out.size++] = '.';
            if (nano % 1_000_000 == 0) {
                digits(out, nano / 1_000_000, 3);
            } else if (nano % 1000 == 0) {
                digits(out, nano / 1000, 6);
            } else {
                digits(out, nano, 9);
            }
        }
        out.bytes[out.size++] = 'Z';
    }

    private static void digits(CheckResponse.Bytes out, int value, int width) {
        for (int i = out.size + width - 1; i >= out.size; i--) {
            out.bytes[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        out.size += width;
    }
}
