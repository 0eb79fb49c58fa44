package jp.jpkigate.sim.registry;

import java.time.Instant;
import java.util.List;
import jp.jpkigate.sim.ca.CaKind;
import jp.jpkigate.sim.ca.CertificateType;
import jp.jpkigate.sim.ca.Municipality;
import jp.jpkigate.sim.card.KeySlot;
import jp.jpkigate.sim.card.TokenName;
import jp.jpkigate.sim.card.VirtualCard;
import jp.jpkigate.sim.registry.Minter.Minted;
import jp.jpkigate.sim.revocation.Reason;

/**
 * What happens in a resident's life and what it does to their certificates (JPKI.md, Revocation
 * and Phone certificates). Each method changes the registry and the card files at once; the
 * caller saves the registry ({@link SimState#save()}).
 *
 * <p>Cascade rule: revoking a card certificate revokes the linked phone's certificate of the same
 * kind with the same reason. A hold does not cascade [I]: a lost card does not stop the phone,
 * which has its own hold ({@link #holdPhone}).
 */
public final class LifeEvents {
    private final SimRegistry registry;
    private final Minter minter;
    private final PhoneEvents phones;

    LifeEvents(SimRegistry registry, Minter minter) {
        this.registry = registry;
        this.minter = minter;
        this.phones = new PhoneEvents(registry, minter, this);
    }

    /**
     * A new resident gets a card: a signature and an authentication certificate on new keys, valid
     * until the 5th birthday after today (23:59:59 JST, cut to the CA's end).
     */
    public Device issue(CardRequest request) {
        synchronized (registry) {
            Instant now = registry.now();
            registry.cas().current(CaKind.SIGNATURE, request.algorithm(), now);
            registry.cas().current(CaKind.AUTHENTICATION, request.algorithm(), now);
            Person person = new Person(registry.nextId("P"), request.familyName(), request.givenName(),
                    request.birthDate(), request.gender(), request.address(), request.municipality(), false, false);
            person.fourInfo();  // fails early on an address too long for a certificate
            registry.people.put(person.id(), person);
            String cardId = registry.nextId("C");
            Instant end = Minter.cardExpiry(person, now);
            Minted sign = minter.mint(CertificateType.SIGNATURE_CARD, person, cardId, request.algorithm(), end, null);
            Minted auth = minter.mint(CertificateType.AUTH_CARD, person, cardId, request.algorithm(), end, null);
            VirtualCard card = new VirtualCard(cardId, TokenName.CARD,
                    KeySlot.fresh(CaKind.SIGNATURE, sign.certificate(), sign.caCertificate(), sign.keys(), request.password()),
                    KeySlot.fresh(CaKind.AUTHENTICATION, auth.certificate(), auth.caCertificate(), auth.keys(), request.pin()));
            registry.store().saveCard(card);
            Device device = new Device(cardId, person.id(), TokenName.CARD, request.algorithm(), sign.id(), auth.id(),
                    null, false);
            registry.devices.put(cardId, device);
            return device;
        }
    }

    /** Phone certificates linked to a card; a previous phone's certificates are revoked (superseded). */
    public Device issuePhone(String cardId, TokenName token, String pin, String password) {
        return phones.issue(cardId, token, pin, password);
    }

    /** A lost phone: its authentication certificate goes on hold. */
    public void holdPhone(String phoneId) {
        phones.hold(phoneId);
    }

    /** A found phone: the hold is released (removeFromCRL). */
    public void releasePhone(String phoneId) {
        phones.release(phoneId);
    }

    /** A move: new municipality and address, new signature certificates (affiliationChanged). */
    public void move(String personId, Municipality municipality, String address) {
        synchronized (registry) {
            Person moved = alive(personId).movedTo(municipality, address);
            moved.fourInfo();
            registry.people.put(personId, moved);
            replaceSignatures(personId);
        }
    }

    /** A name change: new signature certificates (affiliationChanged). */
    public void rename(String personId, String familyName, String givenName) {
        synchronized (registry) {
            Person renamed = alive(personId).renamed(familyName, givenName);
            renamed.fourInfo();
            registry.people.put(personId, renamed);
            replaceSignatures(personId);
        }
    }

    /**
     * Renewal of a card: both certificates reissued on new keys with a new expiry, the old ones
     * revoked as superseded; a linked phone is renewed with it (its validity follows the card).
     */
    public void renew(String cardId) {
        synchronized (registry) {
            Device card = activeCard(cardId);
            Person person = alive(card.personId());
            for (CaKind kind : CaKind.values()) {
                if (registry.status(card.certificate(kind)).state() == CertStatus.State.ON_HOLD) {
                    throw new ConflictException("card " + cardId + " is on hold (lost): revoke it and issue a new one");
                }
            }
            Instant end = Minter.cardExpiry(person, registry.now());
            for (CaKind kind : CaKind.values()) {
                replace(card.id(), kind, Reason.SUPERSEDED, end);
            }
            registry.linkedPhone(cardId).ifPresent(phone -> {
                for (CaKind kind : CaKind.values()) {
                    replace(phone.id(), kind, Reason.SUPERSEDED, end);
                }
            });
        }
    }

    /** A lost card: both card certificates on hold, never to be released [V]. */
    public void lose(String cardId) {
        synchronized (registry) {
            Device card = activeCard(cardId);
            alive(card.personId());
            boolean any = false;
            for (CaKind kind : CaKind.values()) {
                if (registry.status(card.certificate(kind)).good()) {
                    registry.append(card.certificate(kind), Reason.CERTIFICATE_HOLD);
                    any = true;
                }
            }
            if (!any) {
                throw new ConflictException("card " + cardId + " has no valid certificate to hold");
            }
        }
    }

    /**
     * Death: every certificate of every card and phone of the person is revoked. J-LIS's reason
     * code for death is not public; the simulator uses cessationOfOperation [I].
     */
    public void die(String personId) {
        synchronized (registry) {
            Person person = alive(personId);
            for (Device device : registry.devices(personId)) {
                if (!device.retired()) {
                    for (CaKind kind : CaKind.values()) {
                        if (!registry.status(device.certificate(kind)).revoked()) {
                            registry.append(device.certificate(kind), Reason.CESSATION_OF_OPERATION);
                        }
                    }
                    registry.devices.put(device.id(), device.retire());
                }
            }
            registry.people.put(personId, person.dead());
        }
    }

    /**
     * A support measure for victims of domestic violence or stalking (DV等支援措置) starts
     * ({@code on}) or ends: while it lasts the latest-4-information service withholds the address.
     * No certificate changes.
     */
    public Person protect(String personId, boolean on) {
        synchronized (registry) {
            Person person = alive(personId).protectedFromDisclosure(on);
            registry.people.put(personId, person);
            return person;
        }
    }

    /**
     * Revokes one certificate (or puts it on hold). A card certificate's revocation cascades to
     * the linked phone's certificate of the same kind; {@link Reason#REMOVE_FROM_CRL} releases a
     * phone authentication hold, the only releasable one.
     */
    public void revoke(CertId id, Reason reason) {
        synchronized (registry) {
            CertRecord record = registry.certificate(id);
            if (reason == Reason.REMOVE_FROM_CRL) {
                if (record.type() != CertificateType.AUTH_PHONE) {
                    throw new ConflictException("only a phone's authentication certificate can be released; "
                            + "a card certificate's hold is never released");
                }
                phones.release(record.deviceId());
                return;
            }
            CertStatus status = registry.status(id);
            if (status.revoked()) {
                throw new ConflictException(id + " is already revoked (" + status.reason() + ")");
            }
            if (status.state() == CertStatus.State.ON_HOLD && reason == Reason.CERTIFICATE_HOLD) {
                throw new ConflictException(id + " is already on hold");
            }
            revokeWithCascade(id, reason);
        }
    }

    // ---- shared with PhoneEvents

    void revokeWithCascade(CertId id, Reason reason) {
        registry.append(id, reason);
        CertRecord record = registry.certificate(id);
        if (reason == Reason.CERTIFICATE_HOLD || record.type().device() != CertificateType.Device.CARD) {
            return;
        }
        registry.linkedPhone(record.deviceId()).ifPresent(phone -> {
            CertId linked = phone.certificate(record.type().kind());
            if (!registry.status(linked).revoked()) {
                registry.append(linked, reason);
            }
        });
    }

    /** Revokes a device's certificate of one kind (unless already revoked) and puts a new one on the same device. */
    void replace(String deviceId, CaKind kind, Reason reason, Instant notAfter) {
        Device device = registry.device(deviceId);
        CertId old = device.certificate(kind);
        if (!registry.status(old).revoked()) {
            revokeWithCascade(old, reason);
        }
        Person person = registry.person(device.personId());
        CertificateType type = CertificateType.of(kind, device.phone() ? CertificateType.Device.PHONE : CertificateType.Device.CARD);
        Minted minted = minter.mint(type, person, deviceId, device.algorithm(), notAfter, old);
        VirtualCard chip = registry.store().loadCard(deviceId);
        chip.slot(kind).replace(minted.certificate(), minted.caCertificate(), minted.keys());
        registry.store().saveCard(chip);
        registry.devices.put(deviceId, registry.device(deviceId).with(kind, minted.id()));
    }

    Person alive(String personId) {
        Person person = registry.person(personId);
        if (person.deceased()) {
            throw new ConflictException("person " + personId + " is deceased");
        }
        return person;
    }

    Device activeCard(String cardId) {
        Device device = registry.device(cardId);
        if (device.phone()) {
            throw new ConflictException(cardId + " is a phone, not a card");
        }
        if (device.retired()) {
            throw new ConflictException("card " + cardId + " is retired");
        }
        return device;
    }

    /** Move and rename: each card and phone whose signature certificate is good gets a new one, same expiry [I]. */
    private void replaceSignatures(String personId) {
        List<Device> withGoodSignature = registry.devices(personId).stream()
                .filter(d -> !d.retired() && registry.status(d.signature()).good())
                .toList();
        for (Device device : withGoodSignature) {
            replace(device.id(), CaKind.SIGNATURE, Reason.AFFILIATION_CHANGED,
                    registry.certificate(device.signature()).notAfter());
        }
    }
}
