package jp.jpkigate.sim.crl;

import java.math.BigInteger;
import java.time.Instant;

/**
 * The CRL number (RFC 5280 5.2.3) of every CRL the simulator publishes, full or delta, CA-wide or
 * per partition: {@code sequence << 32 | stamp}, where {@code sequence} is the last revocation event
 * sequence of the CA generation that the CRL includes and {@code stamp} the CRL's thisUpdate in epoch
 * seconds (fits 32 bits until 2106).
 *
 * <p>Why this works without a publication history:
 * <ul>
 *   <li>Monotonic per scope: the event log only grows and the clock only moves forward, so
 *       (sequence, stamp) only grows. Full and delta CRLs share this one sequence, as RFC 5280 5.2.4
 *       requires; a full and a delta issued at the same instant get the same number, which 5.2.4 allows
 *       ("they MAY have the same CRL number and provide the same revocation information").</li>
 *   <li>Delta against base N: the base's last event sequence is {@code N >> 32}, so the delta lists
 *       every serial (of the scope) with an event after it. Any number we could have issued is
 *       accepted as a base; numbers from the future are refused ({@link UnknownBaseCrlException}).</li>
 * </ul>
 * At most 95 bits, well under the 20-octet limit of RFC 5280 5.2.3.
 */
public record CrlNumber(long sequence, long stamp) implements Comparable<CrlNumber> {
    private static final long STAMP_MASK = 0xFFFF_FFFFL;

    public CrlNumber {
        if (sequence < 0 || stamp < 0 || stamp > STAMP_MASK) {
            throw new IllegalArgumentException("CRL number out of range: " + sequence + "/" + stamp);
        }
    }

    /** The number of a CRL that includes events up to {@code sequence} and is issued at {@code thisUpdate}. */
    public static CrlNumber of(long sequence, Instant thisUpdate) {
        return new CrlNumber(sequence, thisUpdate.getEpochSecond());
    }

    /** Decodes a number taken from a CRL or a {@code ?base=} parameter. */
    public static CrlNumber decode(BigInteger value) {
        if (value.signum() < 0 || value.bitLength() > 63 + 32) {
            throw new IllegalArgumentException("not a CRL number of this simulator: " + value);
        }
        return new CrlNumber(value.shiftRight(32).longValueExact(), value.longValue() & STAMP_MASK);
    }

    public BigInteger value() {
        return BigInteger.valueOf(sequence).shiftLeft(32).or(BigInteger.valueOf(stamp));
    }

    /** When the CRL with this number was issued. */
    public Instant issuedAt() {
        return Instant.ofEpochSecond(stamp);
    }

    @Override
    public int compareTo(CrlNumber other) {
        int bySequence = Long.compare(sequence, other.sequence);
        return bySequence != 0 ? bySequence : Long.compare(stamp, other.stamp);
    }

    @Override
    public String toString() {
        return value().toString();
    }
}
