package jp.jpkigate.sim.crl;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import jp.jpkigate.sim.revocation.Reason;
import jp.jpkigate.sim.revocation.RevocationEvent;

/**
 * The revocation status of a CA generation's certificates after replaying its event log: what a full
 * CRL lists (RFC 5280 5.3.1) and what OCSP answers (RFC 6960 2.2). Replay rules:
 * <ul>
 *   <li>a hold ({@code certificateHold}) lists the serial; a later {@code removeFromCRL} unlists it;</li>
 *   <li>a permanent revocation of a held serial replaces the hold (the reason and date change);</li>
 *   <li>a permanent revocation is final: later events for the serial are ignored.</li>
 * </ul>
 * Immutable once built.
 */
public final class RevocationState {
    /** One listed certificate: its CRL entry, or OCSP's revokedInfo. */
    public record Entry(BigInteger serial, Instant revokedAt, Reason reason) {
        public Entry {
            Objects.requireNonNull(serial, "serial");
            Objects.requireNonNull(revokedAt, "revokedAt");
            Objects.requireNonNull(reason, "reason");
        }
    }

    private final TreeMap<BigInteger, Entry> listed;
    private final long lastSequence;

    private RevocationState(TreeMap<BigInteger, Entry> listed, long lastSequence) {
        this.listed = listed;
        this.lastSequence = lastSequence;
    }

    /**
     * Replays the events (in sequence order) that {@code filter} keeps. {@link #lastSequence()} is the
     * last sequence of all {@code events}, filtered or not: CRL numbers follow the CA's whole log.
     */
    public static RevocationState replay(List<RevocationEvent> events, Predicate<RevocationEvent> filter) {
        TreeMap<BigInteger, Entry> listed = new TreeMap<>();
        long last = 0;
        for (RevocationEvent event : events) {
            last = Math.max(last, event.sequence());
            if (filter.test(event)) {
                apply(listed, event);
            }
        }
        return new RevocationState(listed, last);
    }

    private static void apply(Map<BigInteger, Entry> listed, RevocationEvent event) {
        Entry current = listed.get(event.serial());
        boolean held = current != null && current.reason() == Reason.CERTIFICATE_HOLD;
        if (event.reason() == Reason.REMOVE_FROM_CRL) {
            if (held) {
                listed.remove(event.serial());
            }
        } else if (current == null || held && event.reason() != Reason.CERTIFICATE_HOLD) {
            listed.put(event.serial(), new Entry(event.serial(), event.at(), event.reason()));
        }
    }

    /** The listed entries in serial order. */
    public Collection<Entry> entries() {
        return Collections.unmodifiableCollection(listed.values());
    }

    /** The serial's entry if it is revoked or on hold now. */
    public Optional<Entry> status(BigInteger serial) {
        return Optional.ofNullable(listed.get(serial));
    }

    /** The last event sequence of the CA generation this state includes (0 for an empty log). */
    public long lastSequence() {
        return lastSequence;
    }

    /**
     * The entries of a delta CRL (RFC 5280 5.2.4) against a base that included events up to
     * {@code baseSequence}: for every serial of {@code scope} with a later event, its current entry if
     * it is listed now, otherwise {@code removeFromCRL} dated by its last event (a released hold,
     * RFC 5280 5.3.1). Listing a serial whose final status a base already had is harmless, so the
     * delta applies to any full CRL numbered at or above the base.
     */
    public List<Entry> changesSince(List<RevocationEvent> events, long baseSequence,
                                    Predicate<RevocationEvent> scope) {
        TreeMap<BigInteger, Instant> touched = new TreeMap<>();
        for (RevocationEvent event : events) {
            if (event.sequence() > baseSequence && scope.test(event)) {
                touched.put(event.serial(), event.at());
            }
        }
        List<Entry> changes = new ArrayList<>(touched.size());
        touched.forEach((serial, at) -> changes.add(
                Optional.ofNullable(listed.get(serial)).orElseGet(() -> new Entry(serial, at, Reason.REMOVE_FROM_CRL))));
        return changes;
    }
}
