package jp.jpkigate.sim.consent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * J-LIS's consent registry as data: every consent by registry id and every status change in order,
 * with the indexes the rules need (by the platform operator's consent id, the one active consent
 * per person and business, active consents by expiry). Not thread-safe: a {@link ConsentStore}
 * hands it to one change at a time.
 */
public final class ConsentLedger {
    private static final Comparator<Consent> BY_EXPIRY =
            Comparator.comparing(Consent::expiresAt).thenComparing(Consent::registryId);
    private final Map<String, Consent> consents = new LinkedHashMap<>();
    private final Map<String, String> byConsentId = new HashMap<>();
    private final Map<String, String> activeByPersonAndBusiness = new HashMap<>();
    private final TreeSet<Consent> activeByExpiry = new TreeSet<>(BY_EXPIRY);
    private final List<ConsentChange> changes = new ArrayList<>();
    private int lastId;
    private long modifications;

    public Optional<Consent> consent(String registryId) {
        return Optional.ofNullable(consents.get(registryId));
    }

    public Optional<Consent> byConsentId(String consentId) {
        return Optional.ofNullable(byConsentId.get(consentId)).map(consents::get);
    }

    /** The consent in force of a person for a business, if any (there is at most one). */
    public Optional<Consent> active(String personId, String businessId) {
        return Optional.ofNullable(activeByPersonAndBusiness.get(key(personId, businessId))).map(consents::get);
    }

    /** A person's consents, all statuses, in the order they were recorded. */
    public List<Consent> consentsOf(String personId) {
        return consents.values().stream().filter(c -> c.personId().equals(personId)).toList();
    }

    public List<Consent> all() {
        return List.copyOf(consents.values());
    }

    /** Every change, oldest first. */
    public List<ConsentChange> changes() {
        return Collections.unmodifiableList(changes);
    }

    /** The sequence of the latest change, 0 when there is none. */
    public long head() {
        return changes.size();
    }

    /** The changes after a sequence number, oldest first (a view). */
    public List<ConsentChange> changesAfter(long sequence) {
        return Collections.unmodifiableList(changes.subList((int) Math.min(sequence, changes.size()), changes.size()));
    }

    /** Grows with every change, so a store knows whether there is anything to write. */
    public long modifications() {
        return modifications;
    }

    /** The next registry id: {@code R} and 6 or more digits. */
    String nextRegistryId() {
        return String.format("R%06d", lastId + 1);
    }

    /** Records a new active consent (its id from {@link #nextRegistryId()}) and its change. */
    void register(Consent consent) {
        if (!consent.active() || !consent.registryId().equals(nextRegistryId())) {
            throw new IllegalArgumentException("a new consent is active and takes the next registry id");
        }
        lastId++;
        put(consent);
        append(consent, consent.recordedAt());
    }

    /** Ends an active consent and records the change. */
    Consent end(Consent consent, ConsentStatus how, Instant at, Withdrawer by) {
        if (!consent.active()) {
            throw new IllegalStateException(consent.registryId() + " has already ended");
        }
        Consent ended = consent.ended(how, at, by);
        put(ended);
        append(ended, at);
        return ended;
    }

    /**
     * Expires every active consent whose validity ended at or before {@code now}, in the order they
     * expired, each change dated at its expiry. Called before anything reads or changes the ledger,
     * so that changes stay in time order.
     */
    void expire(Instant now) {
        while (!activeByExpiry.isEmpty() && !activeByExpiry.first().expiresAt().isAfter(now)) {
            Consent due = activeByExpiry.first();
            end(due, ConsentStatus.EXPIRED, due.expiresAt(), null);
        }
    }

    // ---- loading (ConsentJson)

    void restore(Consent consent) {
        put(consent);
        lastId = Math.max(lastId, Integer.parseInt(consent.registryId().substring(1)));
    }

    void restore(ConsentChange change) {
        if (change.sequence() != changes.size() + 1) {
            throw new IllegalArgumentException("change " + change.sequence() + " out of sequence");
        }
        changes.add(change);
    }

    private void put(Consent consent) {
        Consent previous = consents.put(consent.registryId(), consent);
        if (previous != null) {
            activeByExpiry.remove(previous);
            activeByPersonAndBusiness.remove(key(previous.personId(), previous.businessId()), previous.registryId());
        }
        byConsentId.put(consent.consentId(), consent.registryId());
        if (consent.active()) {
            activeByExpiry.add(consent);
            activeByPersonAndBusiness.put(key(consent.personId(), consent.businessId()), consent.registryId());
        }
        modifications++;
    }

    private void append(Consent consent, Instant at) {
        changes.add(new ConsentChange(changes.size() + 1, consent.registryId(), consent.consentId(),
                consent.businessId(), consent.status(), at, consent.withdrawnBy()));
        modifications++;
    }

    private static String key(String personId, String businessId) {
        return personId + '\n' + businessId;
    }
}
