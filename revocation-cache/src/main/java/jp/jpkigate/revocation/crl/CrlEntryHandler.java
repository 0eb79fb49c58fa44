package jp.jpkigate.revocation.crl;

/**
 * Receives revokedCertificates entries (RFC 5280 section 5.1.2.6) as they stream past. Buffers are
 * reused: copy what must outlive the call. Entries may arrive before the signature is known to be
 * good; on any {@link CrlParseException} the receiver discards what it built.
 */
@FunctionalInterface
public interface CrlEntryHandler {
    /** Called once with thisUpdate (epoch seconds), before the first entry. */
    default void thisUpdate(long epochSecond) {
    }

    /**
     * Called once before the first entry of a non-empty revokedCertificates list, with the list's
     * content length and the first entry's encoded length (so a receiver can size its arrays;
     * both are already checked against the enclosing element and the parser's maximum size).
     */
    default void revokedCertificates(long listLength, long firstEntryLength) {
    }

    /**
     * One entry.
     *
     * @param serial       buffer holding the content octets of userCertificate (DER INTEGER,
     *                     two's complement, big-endian)
     * @param offset       start of the serial in {@code serial}
     * @param length       its length (1..64)
     * @param revocationEpochSecond revocationDate as seconds since the epoch (UTC)
     * @param reasonCode   the reasonCode entry extension (section 5.3.1), or 0 (unspecified) if absent
     */
    void entry(byte[] serial, int offset, int length, long revocationEpochSecond, int reasonCode);
}
