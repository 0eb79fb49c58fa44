package jp.jpkigate.sim.registry;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.jpkigate.sim.ca.CertificateType;
import jp.jpkigate.sim.revocation.Reason;
import jp.jpkigate.sim.revocation.RevocationEvent;
import jp.jpkigate.sim.revocation.RevocationLog;

/**
 * The simulated J-LIS registry: residents, their cards and phones, every certificate issued and
 * every revocation event. Life events ({@link LifeEvents}) change it; CRL and OCSP publishing
 * read it as a {@link RevocationLog}, the renewal linkage service as a {@link SerialLinkage}. Time
 * comes from the injected clock. All methods are synchronized: one registry may be read by a server
 * while a test changes it.
 */
public final class SimRegistry implements RevocationLog, SerialLinkage {
    private final SimCas cas;
    private final Clock clock;
    private final RegistryStore store;
    private final Minter minter;
    private final LifeEvents events;
    final Map<String, Person> people = new LinkedHashMap<>();
    final Map<String, Device> devices = new LinkedHashMap<>();
    final Map<CertId, CertRecord> certificates = new LinkedHashMap<>();
    private final Map<CertId, CertId> successors = new HashMap<>();
    private final RevocationLedger ledger = new RevocationLedger();
    final Map<String, Integer> counters = new HashMap<>();

    public SimRegistry(SimCas cas, Clock clock, SecureRandom random, KeySource keys, RegistryStore store) {
        this.cas = cas;
        this.clock = clock;
        this.store = store;
        this.minter = new Minter(this, random, keys);
        this.events = new LifeEvents(this, minter);
    }

    /** The life events: issue, phone, move, rename, renew, lose, die, revoke, hold and release. */
    public LifeEvents life() {
        return events;
    }

    public SimCas cas() {
        return cas;
    }

    public RegistryStore store() {
        return store;
    }

    // ---- RevocationLog

    @Override
    public synchronized List<RevocationEvent> events(String caId) {
        return ledger.events(caId);
    }

    @Override
    public synchronized boolean issued(String caId, BigInteger serial) {
        return certificates.containsKey(new CertId(caId, serial));
    }

    // ---- queries

    public synchronized Person person(String id) {
        Person person = people.get(id);
        if (person == null) {
            throw new NotFoundException("no person " + id);
        }
        return person;
    }

    public synchronized List<Person> people() {
        return List.copyOf(people.values());
    }

    public synchronized Device device(String id) {
        Device device = devices.get(id);
        if (device == null) {
            throw new NotFoundException("no card or phone " + id);
        }
        return device;
    }

    /** A person's cards and phones, retired ones included, in issue order. */
    public synchronized List<Device> devices(String personId) {
        return devices.values().stream().filter(d -> d.personId().equals(personId)).toList();
    }

    /** The phone (not retired) linked to a card. */
    public synchronized Optional<Device> linkedPhone(String cardId) {
        return devices.values().stream().filter(d -> cardId.equals(d.cardId()) && !d.retired()).findFirst();
    }

    public synchronized CertRecord certificate(CertId id) {
        CertRecord record = certificates.get(id);
        if (record == null) {
            throw new NotFoundException("no certificate " + id);
        }
        return record;
    }

    /** Every certificate ever issued to a person, in issue order. */
    public synchronized List<CertRecord> certificates(String personId) {
        return certificates.values().stream().filter(c -> c.personId().equals(personId)).toList();
    }

    /** The certificates with this serial, one per CA generation that issued it. */
    public synchronized List<CertId> findSerial(BigInteger serial) {
        return certificates.keySet().stream().filter(id -> id.serial().equals(serial)).toList();
    }

    public synchronized CertStatus status(CertId id) {
        certificate(id);
        return ledger.status(id);
    }

    /** The certificate that replaced this one (renewal, move, rename, new phone), if any. */
    public synchronized Optional<CertId> successor(String caId, BigInteger serial) {
        return Optional.ofNullable(successors.get(new CertId(caId, serial)));
    }

    /** The certificates this one replaced, nearest first. */
    public synchronized List<CertId> predecessors(String caId, BigInteger serial) {
        List<CertId> chain = new ArrayList<>();
        CertId previous = certificate(new CertId(caId, serial)).predecessor();
        while (previous != null && chain.size() <= certificates.size()) {
            chain.add(previous);
            previous = certificates.containsKey(previous) ? certificates.get(previous).predecessor() : null;
        }
        return chain;
    }

    @Override
    public synchronized Optional<Linkage> linkage(CertId id) {
        if (!certificates.containsKey(id)) {
            return Optional.empty();
        }
        return Optional.of(new Linkage(id, predecessors(id.caId(), id.serial()), successor(id.caId(), id.serial()),
                companion(certificates.get(id))));
    }

    /**
     * The card authentication certificate a certificate goes with: of the same card, or for a phone
     * of the card it is linked to; the last one issued (in issue order) no later than the certificate
     * itself, else the card's first one — a new card's signature certificate is minted just before
     * its authentication certificate, and the second may fall in the next second. Any one of the
     * card's authentication certificates would do: they form one chain.
     */
    private Optional<CertId> companion(CertRecord record) {
        if (record.type() == CertificateType.AUTH_CARD) {
            return Optional.empty();
        }
        Device device = devices.get(record.deviceId());
        String cardId = device != null && device.phone() ? device.cardId() : record.deviceId();
        List<CertRecord> cardAuth = certificates.values().stream()
                .filter(c -> c.type() == CertificateType.AUTH_CARD && c.deviceId().equals(cardId))
                .toList();
        return cardAuth.stream()
                .filter(c -> !c.notBefore().isAfter(record.notBefore()))
                .reduce((earlier, later) -> later)
                .or(() -> cardAuth.stream().findFirst())
                .map(CertRecord::id);
    }

    // ---- package internals for LifeEvents, Minter and RegistryJson

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    RevocationLedger ledger() {
        return ledger;
    }

    void record(CertRecord record) {
        certificates.put(record.id(), record);
        if (record.predecessor() != null) {
            successors.put(record.predecessor(), record.id());
        }
    }

    RevocationEvent append(CertId id, Reason reason) {
        return ledger.append(id, certificate(id).partition(), now(), reason);
    }

    String nextId(String prefix) {
        int next = counters.merge(prefix, 1, Integer::sum);
        return String.format("%s%06d", prefix, next);
    }
}
