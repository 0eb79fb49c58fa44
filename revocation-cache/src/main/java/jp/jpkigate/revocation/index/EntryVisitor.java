package jp.jpkigate.revocation.index;

import java.math.BigInteger;

/** Receives the entries of a {@link RevokedSerialIndex}, short serials in ascending order first. */
public interface EntryVisitor {
    /** A serial in 0..2^63-1; {@code epochDay} is the UTC revocation day since 1970-01-01. */
    void shortEntry(long serial, int reasonCode, long epochDay);

    /** A serial outside 0..2^63-1 (longer, or negative in a non-conforming CRL). */
    void longEntry(BigInteger serial, int reasonCode, long epochDay);
}
