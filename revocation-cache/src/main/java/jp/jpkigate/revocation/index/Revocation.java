package jp.jpkigate.revocation.index;

import java.time.LocalDate;
import java.util.Objects;

/**
 * What the index knows about one revoked serial: the reason code (RFC 5280 section 5.3.1) and the
 * UTC calendar day of the revocationDate (section 5.1.2.6). The time of day is not kept.
 */
public record Revocation(CrlReason reason, LocalDate revocationDate) {
    public Revocation {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(revocationDate, "revocationDate");
    }

    /** Decodes a status returned by {@link RevokedSerialIndex#find(long)}; must not be NOT_REVOKED. */
    public static Revocation fromStatus(long status) {
        if (status == RevokedSerialIndex.NOT_REVOKED) {
            throw new IllegalArgumentException("not revoked");
        }
        return new Revocation(CrlReason.fromCode(RevokedSerialIndex.reasonCode(status)),
                LocalDate.ofEpochDay(RevokedSerialIndex.epochDay(status)));
    }
}
