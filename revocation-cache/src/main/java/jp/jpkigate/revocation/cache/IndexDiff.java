package jp.jpkigate.revocation.cache;

import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import jp.jpkigate.revocation.index.CrlReason;
import jp.jpkigate.revocation.index.EntryVisitor;
import jp.jpkigate.revocation.index.RevokedSerialIndex;
import jp.jpkigate.revocation.service.IssuerKey;
import jp.jpkigate.revocation.service.RevocationChange;

/**
 * The status changes between two versions of one source's index, for the revocation stream.
 *
 * <p>Rather than holding both entry lists to merge them, each index is walked once with
 * {@link RevokedSerialIndex#forEach} while the other answers {@link RevokedSerialIndex#find}
 * (lock- and allocation-free on the short-serial path): no memory beyond the changes themselves,
 * at about the cost of two lookups per entry. Runs on a worker thread.
 * <ul>
 * <li>in the new index but not the old, or with another reason: REVOKED;</li>
 * <li>in the old index as certificateHold and absent from the new: RELEASED (removeFromCRL,
 * RFC 5280 section 5.3.1). Any other entry that disappears is not a release (an issuer may drop
 * expired certificates from its CRL), so it is not reported.</li>
 * </ul>
 */
public final class IndexDiff {
    private IndexDiff() {
    }

    public static List<RevocationChange> changes(IssuerKey issuer, RevokedSerialIndex before, RevokedSerialIndex after,
                                                 Instant seenAt) {
        List<RevocationChange> changes = new ArrayList<>();
        if (before == after) {
            return changes;
        }
        after.forEach(new EntryVisitor() {
            @Override
            public void shortEntry(long serial, int reasonCode, long epochDay) {
                long old = before.find(serial);
                if (old == RevokedSerialIndex.NOT_REVOKED || RevokedSerialIndex.reasonCode(old) != reasonCode) {
                    changes.add(change(BigInteger.valueOf(serial), RevocationChange.Kind.REVOKED, reasonCode, epochDay));
                }
            }

            @Override
            public void longEntry(BigInteger serial, int reasonCode, long epochDay) {
                long old = before.find(serial);
                if (old == RevokedSerialIndex.NOT_REVOKED || RevokedSerialIndex.reasonCode(old) != reasonCode) {
                    changes.add(change(serial, RevocationChange.Kind.REVOKED, reasonCode, epochDay));
                }
            }

            private RevocationChange change(BigInteger serial, RevocationChange.Kind kind, int reason, long day) {
                return new RevocationChange(issuer, serial, kind, CrlReason.fromCode(reason), LocalDate.ofEpochDay(day),
                        seenAt);
            }
        });
        before.forEach(new EntryVisitor() {
            @Override
            public void shortEntry(long serial, int reasonCode, long epochDay) {
                if (reasonCode == CrlReason.CERTIFICATE_HOLD.code() && after.find(serial) == RevokedSerialIndex.NOT_REVOKED) {
                    changes.add(released(BigInteger.valueOf(serial), epochDay));
                }
            }

            @Override
            public void longEntry(BigInteger serial, int reasonCode, long epochDay) {
                if (reasonCode == CrlReason.CERTIFICATE_HOLD.code() && after.find(serial) == RevokedSerialIndex.NOT_REVOKED) {
                    changes.add(released(serial, epochDay));
                }
            }

            private RevocationChange released(BigInteger serial, long day) {
                return new RevocationChange(issuer, serial, RevocationChange.Kind.RELEASED, CrlReason.CERTIFICATE_HOLD,
                        LocalDate.ofEpochDay(day), seenAt);
            }
        });
        return changes;
    }
}
