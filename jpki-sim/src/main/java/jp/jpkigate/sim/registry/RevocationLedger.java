package jp.jpkigate.sim.registry;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jp.jpkigate.sim.ca.Municipality;
import jp.jpkigate.sim.revocation.Reason;
import jp.jpkigate.sim.revocation.RevocationEvent;

/**
 * Per CA generation: serial allocation and the append-only revocation event list.
 *
 * <p>Serials start at {@link #FIRST_SERIAL} in every CA and go up by one, as a CA that numbers its
 * certificates in issue order would [I]; sequences start at 1 and go up by one per event.
 */
final class RevocationLedger {
    /** Eight decimal digits, like the serials seen on real cards [I]. */
    static final BigInteger FIRST_SERIAL = BigInteger.valueOf(10_000_001L);

    /** One CA's counters and events. */
    static final class CaLedger {
        BigInteger nextSerial = FIRST_SERIAL;
        long nextSequence = 1;
        final List<RevocationEvent> events = new ArrayList<>();
    }

    private final Map<String, CaLedger> cas = new HashMap<>();
    private final Map<CertId, CertStatus> latest = new HashMap<>();

    CaLedger ca(String caId) {
        return cas.computeIfAbsent(caId, id -> new CaLedger());
    }

    Map<String, CaLedger> all() {
        return cas;
    }

    BigInteger allocateSerial(String caId) {
        CaLedger ledger = ca(caId);
        BigInteger serial = ledger.nextSerial;
        ledger.nextSerial = serial.add(BigInteger.ONE);
        return serial;
    }

    RevocationEvent append(CertId id, Municipality partition, Instant at, Reason reason) {
        CaLedger ledger = ca(id.caId());
        RevocationEvent event = new RevocationEvent(ledger.nextSequence, id.caId(), id.serial(), partition, at, reason);
        replay(event);
        return event;
    }

    /** Adds a stored event (on load) or a new one; sequences must increase. */
    void replay(RevocationEvent event) {
        CaLedger ledger = ca(event.caId());
        if (event.sequence() < ledger.nextSequence) {
            throw new IllegalArgumentException("event sequence " + event.sequence() + " of " + event.caId()
                    + " is not after " + (ledger.nextSequence - 1));
        }
        ledger.events.add(event);
        ledger.nextSequence = event.sequence() + 1;
        latest.put(new CertId(event.caId(), event.serial()), CertStatus.after(event.reason(), event.at()));
    }

    List<RevocationEvent> events(String caId) {
        CaLedger ledger = cas.get(caId);
        return ledger == null ? List.of() : List.copyOf(ledger.events);
    }

    CertStatus status(CertId id) {
        return latest.getOrDefault(id, CertStatus.GOOD);
    }
}
