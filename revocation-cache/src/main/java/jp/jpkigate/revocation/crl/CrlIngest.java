package jp.jpkigate.revocation.crl;

import java.io.InputStream;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import jp.jpkigate.revocation.crl.CrlRefusedException.Reason;
import jp.jpkigate.revocation.index.CrlReason;
import jp.jpkigate.revocation.index.RevokedSerialIndex;
import jp.jpkigate.revocation.index.RevokedSerialIndexBuilder;

/**
 * Turns a CRL stream into the next {@link CrlSnapshot}.
 *
 * <ul>
 * <li>Complete CRL: a new index of its entries (removeFromCRL entries are ignored: RFC 5280
 * section 5.3.1 allows that reason only in delta CRLs).</li>
 * <li>Delta CRL (section 5.2.4): applied to the current snapshot when "the CRL number of the
 * complete CRL is greater than or equal to the BaseCRLNumber specified in the delta CRL". The
 * current snapshot may itself be a complete CRL plus an earlier delta: deltas are cumulative from
 * their base, so applying a later one to it gives the same result as applying it to the base.</li>
 * <li>Monotony (section 5.2.3): a CRLNumber equal to the current one is a no-op, a lower one is
 * refused. Scope (issuer, authority key identifier, IssuingDistributionPoint) must match.</li>
 * </ul>
 * A parse failure or bad signature leaves the caller's current snapshot untouched: the index built
 * while streaming is simply dropped. Thread-safe; the caller publishes the returned snapshot.
 */
public final class CrlIngest {
    private static final int MAX_DAY_OFFSET = 4094;

    private final StreamingCrlParser parser;
    private final Clock clock;
    private final Duration maxClockSkew;

    public CrlIngest(StreamingCrlParser parser, Clock clock, Duration maxClockSkew) {
        this.parser = Objects.requireNonNull(parser, "parser");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxClockSkew = Objects.requireNonNull(maxClockSkew, "maxClockSkew");
    }

    /** Result: the snapshot to publish, and whether it differs from the current one. */
    public record Outcome(CrlSnapshot snapshot, boolean changed) {
    }

    /**
     * Reads one CRL and returns the snapshot to publish.
     *
     * @param current the snapshot in force for this scope, or null if none
     */
    public Outcome ingest(InputStream crl, PublicKey issuerKey, CrlSnapshot current)
            throws CrlParseException, CrlRefusedException {
        RevokedSerialIndexBuilder builder = RevokedSerialIndex.builder();
        CrlInfo info = parser.parse(crl, issuerKey, new CrlEntryHandler() {
            @Override
            public void thisUpdate(long epochSecond) {
                builder.epochDay(Math.floorDiv(epochSecond, 86_400L) - MAX_DAY_OFFSET);
            }

            @Override
            public void revokedCertificates(long listLength, long firstEntryLength) {
                builder.expectedEntries(listLength / firstEntryLength); // entries of one CRL are alike
            }

            @Override
            public void entry(byte[] serial, int offset, int length, long revoked, int reasonCode) {
                if (reasonCode == CrlReason.REMOVE_FROM_CRL.code()) {
                    builder.removeEncoded(serial, offset, length);
                } else {
                    builder.addEncoded(serial, offset, length, reasonCode, Math.floorDiv(revoked, 86_400L));
                }
            }
        });
        if (info.crlNumber() == null) {
            throw new CrlRefusedException(Reason.MISSING_CRL_NUMBER, "CRL has no CRLNumber");
        }
        if (info.thisUpdate().isAfter(clock.instant().plus(maxClockSkew))) {
            throw new CrlRefusedException(Reason.NOT_YET_VALID, "thisUpdate " + info.thisUpdate());
        }
        if (current != null) {
            CrlMetadata m = current.metadata();
            if (!Arrays.equals(m.issuer(), info.issuer()) || !Arrays.equals(m.authorityKeyId(), info.authorityKeyId())
                    || !Arrays.equals(m.issuingDistributionPoint(), info.issuingDistributionPoint())) {
                throw new CrlRefusedException(Reason.SCOPE_MISMATCH, "issuer, key id or partition differs");
            }
            int cmp = info.crlNumber().compareTo(m.crlNumber());
            if (cmp == 0) {
                return new Outcome(current, false);
            }
            if (cmp < 0) {
                throw new CrlRefusedException(Reason.OLDER_THAN_CURRENT,
                        "CRL number " + info.crlNumber() + " < current " + m.crlNumber());
            }
        }
        if (!info.isDelta()) {
            return new Outcome(new CrlSnapshot(builder.build(), metadata(info, info)), true);
        }
        if (current == null) {
            throw new CrlRefusedException(Reason.DELTA_WITHOUT_BASE, "delta CRL without a complete CRL");
        }
        if (current.metadata().crlNumber().compareTo(info.deltaBaseCrlNumber()) < 0) {
            throw new CrlRefusedException(Reason.DELTA_BASE_MISMATCH, "delta base " + info.deltaBaseCrlNumber()
                    + " > current " + current.metadata().crlNumber());
        }
        RevokedSerialIndex next = current.index().applyDelta(builder);
        CrlMetadata m = current.metadata();
        return new Outcome(new CrlSnapshot(next, new CrlMetadata(m.issuer(), m.authorityKeyId(), info.crlNumber(),
                m.completeCrlNumber(), info.thisUpdate(), info.nextUpdate(), m.issuingDistributionPoint(),
                info.entryCount())), true);
    }

    /** Whether {@code snapshot} is stale now (see {@link CrlMetadata#stale}). */
    public boolean stale(CrlSnapshot snapshot, Duration grace) {
        return snapshot.metadata().stale(clock.instant(), grace);
    }

    private static CrlMetadata metadata(CrlInfo info, CrlInfo complete) {
        return new CrlMetadata(info.issuer(), info.authorityKeyId(), info.crlNumber(), complete.crlNumber(),
                info.thisUpdate(), info.nextUpdate(), info.issuingDistributionPoint(), info.entryCount());
    }
}
