package jp.jpkigate.sim.consent;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import jp.jpkigate.sim.ca.CaKind;
import jp.jpkigate.sim.ca.FourInfo;
import jp.jpkigate.sim.registry.CertId;
import jp.jpkigate.sim.registry.CertRecord;
import jp.jpkigate.sim.registry.ConflictException;
import jp.jpkigate.sim.registry.NotFoundException;
import jp.jpkigate.sim.registry.Person;
import jp.jpkigate.sim.registry.SimRegistry;

/**
 * J-LIS's consent registry of the latest-4-information service and its provision of the latest 4
 * information to the platform operator (JPKI.md, Latest 4-information service):
 * <ul>
 *   <li>a consent is signed with a signature certificate (card or phone) in force; one per person
 *       and business: a new one replaces the one in force;</li>
 *   <li>valid 10 years from the day after J-LIS records it ({@link ConsentValidity}); it survives
 *       any number of certificate revocations;</li>
 *   <li>withdrawal takes effect at once and needs a signature-certificate signature of the same
 *       person, through the platform operator or in J-LIS's own app ({@link #withdrawByPerson});</li>
 *   <li>J-LIS returns only consented items plus the new signature certificate's serial, and nothing
 *       while no new certificate exists yet; the address of a person under a DV / stalking
 *       protection measure is withheld.</li>
 * </ul>
 * The people and certificates come from the registry the supplier gives at each call (a served
 * state directory is re-read when the CLI changes it); time from the injected clock, in seconds.
 * Refusals throw {@link ConsentRefused}. Blocking (a file store locks and writes): call it from a worker.
 */
public final class ConsentRegistry {
    private final Supplier<SimRegistry> registry;
    private final ConsentStore store;
    private final Clock clock;

    /** A consent as recorded, and whether this request created it (false: the same consent posted again). */
    public record Recorded(Consent consent, boolean created) {
    }

    public ConsentRegistry(Supplier<SimRegistry> registry, ConsentStore store, Clock clock) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Records a signed consent. Checks, in order: the certificate is a signature certificate J-LIS
     * issued; the signature verifies; a consent id seen before must come with the same content
     * (business id and name, items, statement and certificate; the signature bytes may differ, as
     * ECDSA signatures do) and then answers the recorded consent; the certificate is in force.
     * The person's consent in force for the same business, if any, becomes {@code replaced}.
     */
    public Recorded register(Registration registration) {
        SimRegistry people = registry.get();
        CertRecord signer = SignatureCheck.signer(people, registration.signed().certificate());
        SignatureCheck.verify(registration.signed());
        String statementSha256 = registration.signed().statementSha256();
        return store.update(ledger -> {
            Instant now = now(ledger);
            Optional<Consent> earlier = ledger.byConsentId(registration.consentId());
            if (earlier.isPresent()) {
                if (!sameContent(earlier.get(), registration, signer.id(), statementSha256)) {
                    throw Refusal.CONSENT_ID_CONFLICT.refuse("consent id '" + registration.consentId()
                            + "' was registered as " + earlier.get().registryId() + " with other content");
                }
                return new Recorded(earlier.get(), false);
            }
            SignatureCheck.requireInForce(people, signer, now);
            ledger.active(signer.personId(), registration.businessId())
                    .ifPresent(replaced -> ledger.end(replaced, ConsentStatus.REPLACED, now, null));
            Consent consent = new Consent(ledger.nextRegistryId(), registration.consentId(), registration.businessId(),
                    registration.businessName(), List.copyOf(registration.items()), signer.personId(), signer.id(),
                    statementSha256, now, ConsentValidity.validUntil(now), ConsentStatus.ACTIVE, null, null);
            ledger.register(consent);
            return new Recorded(consent, true);
        });
    }

    /**
     * The person withdraws through the platform operator, signing with a signature certificate in
     * force of the same person. Withdrawing a withdrawn consent answers it as it is; a replaced or
     * expired one is refused ({@link Refusal#CONSENT_ENDED}).
     */
    public Consent withdraw(String registryId, SignedStatement signed) {
        SimRegistry people = registry.get();
        return store.update(ledger -> {
            Instant now = now(ledger);
            Consent consent = find(ledger, registryId);
            CertRecord signer = SignatureCheck.signer(people, signed.certificate());
            SignatureCheck.verify(signed);
            if (!signer.personId().equals(consent.personId())) {
                throw Refusal.OTHER_PERSON.refuse("the certificate is not of the person who consented");
            }
            if (consent.status() == ConsentStatus.WITHDRAWN) {
                return consent;
            }
            if (!consent.active()) {
                throw Refusal.CONSENT_ENDED.refuse(registryId + " is " + consent.status().wireName());
            }
            SignatureCheck.requireInForce(people, signer, now);
            return ledger.end(consent, ConsentStatus.WITHDRAWN, now, Withdrawer.BUSINESS_PLATFORM);
        });
    }

    /**
     * The person withdraws in J-LIS's own app (the CLI's {@code withdraw-consent}): the platform
     * operator learns of it only from {@link #changes}. Throws {@link NotFoundException} for a
     * consent that is not the person's and {@link ConflictException} for one not in force.
     */
    public Consent withdrawByPerson(String personId, String registryId) {
        return store.update(ledger -> {
            Instant now = now(ledger);
            Consent consent = ledger.consent(registryId).filter(c -> c.personId().equals(personId))
                    .orElseThrow(() -> new NotFoundException("person " + personId + " has no consent " + registryId));
            if (!consent.active()) {
                throw new ConflictException(registryId + " is already " + consent.status().wireName());
            }
            return ledger.end(consent, ConsentStatus.WITHDRAWN, now, Withdrawer.PERSON);
        });
    }

    /** One consent; {@link Refusal#UNKNOWN_CONSENT} when there is none. */
    public Consent consent(String registryId) {
        return store.update(ledger -> {
            now(ledger);
            return find(ledger, registryId);
        });
    }

    /** A person's consents in the order recorded, all statuses. */
    public List<Consent> consentsOf(String personId) {
        return store.update(ledger -> {
            now(ledger);
            return ledger.consentsOf(personId);
        });
    }

    /**
     * The changes after a cursor ({@code after}: 0 for the first), of one business or of all
     * ({@code businessId} null), at most {@code limit}; {@link Refusal#UNKNOWN_CURSOR} for a cursor
     * beyond the newest change.
     */
    public ChangePage changes(String businessId, long after, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
        return store.update(ledger -> {
            now(ledger);
            if (after < 0 || after > ledger.head()) {
                throw Refusal.UNKNOWN_CURSOR.refuse("no change has the cursor " + after);
            }
            List<ConsentChange> page = new ArrayList<>();
            for (ConsentChange change : ledger.changesAfter(after)) {
                if (businessId == null || businessId.equals(change.businessId())) {
                    page.add(change);
                    if (page.size() == limit) {
                        return new ChangePage(page, change.cursor());
                    }
                }
            }
            return new ChangePage(page, Long.toString(ledger.head()));
        });
    }

    /**
     * The latest 4 information of a consenting person whose signature certificate
     * {@code request.certificate()} the platform operator knows. The consent must be in force and
     * the certificate a signature certificate of the consenting person
     * ({@link Refusal#NOT_IN_FORCE}, {@link Refusal#CERTIFICATE_NOT_OF_PERSON}). The new certificate
     * is the end of the certificate's renewal chain when that is in force, else the newest signature
     * certificate of the person in force that was issued after it; while the known certificate is
     * itself in force, or no such certificate exists, the answer is {@link Provision#noNewCertificate()}.
     */
    public Provision provide(ProvisionRequest request) {
        SimRegistry people = registry.get();
        return store.update(ledger -> {
            Instant now = now(ledger);
            Consent consent = find(ledger, request.registryId());
            if (!consent.active()) {
                throw Refusal.NOT_IN_FORCE.refuse(consent.registryId() + " is " + consent.status().wireName());
            }
            CertRecord known = signatureCertificate(people, request.certificate(), consent.personId());
            return newer(people, known, now)
                    .map(current -> disclose(consent, people.person(consent.personId()), current))
                    .orElseGet(Provision::noNewCertificate);
        });
    }

    private static CertRecord signatureCertificate(SimRegistry people, CertId id, String personId) {
        try {
            CertRecord record = people.certificate(id);
            if (record.personId().equals(personId) && record.type().kind() == CaKind.SIGNATURE) {
                return record;
            }
        } catch (NotFoundException e) {
            // refused below, the same as another person's certificate
        }
        throw Refusal.CERTIFICATE_NOT_OF_PERSON.refuse(id.caId() + " serial " + id.serial().toString(16)
                + " is not a signature certificate of the consenting person");
    }

    private static Optional<CertRecord> newer(SimRegistry people, CertRecord known, Instant now) {
        if (inForce(people, known, now)) {
            return Optional.empty();
        }
        CertId last = known.id();
        for (Optional<CertId> next = people.successor(last.caId(), last.serial()); next.isPresent();
             next = people.successor(last.caId(), last.serial())) {
            last = next.get();
        }
        CertRecord end = people.certificate(last);
        if (!end.id().equals(known.id()) && inForce(people, end, now)) {
            return Optional.of(end);
        }
        List<CertRecord> issued = people.certificates(known.personId());
        return issued.subList(issued.indexOf(known) + 1, issued.size()).stream()
                .filter(c -> c.type().kind() == CaKind.SIGNATURE && inForce(people, c, now))
                .reduce((earlier, later) -> later);
    }

    private static boolean inForce(SimRegistry people, CertRecord record, Instant now) {
        return people.status(record.id()).good() && !now.isAfter(record.notAfter());
    }

    private static Provision disclose(Consent consent, Person person, CertRecord current) {
        FourInfo info = person.fourInfo();
        Map<Item, String> values = new EnumMap<>(Item.class);
        values.put(Item.NAME, info.name());
        values.put(Item.ADDRESS, info.address());
        values.put(Item.BIRTHDATE, person.birthDate().toString());
        values.put(Item.GENDER, info.gender());
        values.keySet().retainAll(consent.itemSet());
        List<Item> withheld = new ArrayList<>();
        if (person.dvProtection() && values.remove(Item.ADDRESS) != null) {
            withheld.add(Item.ADDRESS);
        }
        return new Provision(current.id(), values, withheld);
    }

    /** The time now (whole seconds), after expiring what is due: every call starts here. */
    private Instant now(ConsentLedger ledger) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        ledger.expire(now);
        return now;
    }

    private static Consent find(ConsentLedger ledger, String registryId) {
        return ledger.consent(registryId)
                .orElseThrow(() -> Refusal.UNKNOWN_CONSENT.refuse("no consent " + registryId));
    }

    private static boolean sameContent(Consent consent, Registration registration, CertId certificate,
                                       String statementSha256) {
        return consent.businessId().equals(registration.businessId())
                && consent.businessName().equals(registration.businessName())
                && consent.itemSet().equals(registration.items())
                && consent.certificate().equals(certificate)
                && consent.statementSha256().equals(statementSha256);
    }
}
