package jp.jpkigate.sim.registry;

import java.util.Optional;
import jp.jpkigate.sim.ca.CaKind;
import jp.jpkigate.sim.ca.CertificateType;
import jp.jpkigate.sim.card.KeySlot;
import jp.jpkigate.sim.card.SecretPolicy;
import jp.jpkigate.sim.card.TokenName;
import jp.jpkigate.sim.card.VirtualCard;
import jp.jpkigate.sim.registry.Minter.Minted;
import jp.jpkigate.sim.revocation.Reason;

/** Phone certificates (スマホ用電子証明書): one phone per person, linked to a card, validity following the card's. */
final class PhoneEvents {
    private final SimRegistry registry;
    private final Minter minter;
    private final LifeEvents life;

    PhoneEvents(SimRegistry registry, Minter minter, LifeEvents life) {
        this.registry = registry;
        this.minter = minter;
        this.life = life;
    }

    /**
     * Issues phone certificates linked to a card whose certificates are good. The phone sets its
     * own PIN and password. A previous phone of the person is retired and its certificates revoked
     * as superseded by the new phone's [I], with the successor linkage recorded.
     */
    Device issue(String cardId, TokenName token, String pin, String password) {
        if (!token.isPhone()) {
            throw new IllegalArgumentException("a phone token is android or iphone");
        }
        SecretPolicy.PIN.requireValid(pin);
        SecretPolicy.PASSWORD.requireValid(password);
        synchronized (registry) {
            Device card = life.activeCard(cardId);
            Person person = life.alive(card.personId());
            for (CaKind kind : CaKind.values()) {
                if (!registry.status(card.certificate(kind)).good()) {
                    throw new ConflictException("card " + cardId + " has a " + kind.shortName()
                            + " certificate that is not good: " + registry.status(card.certificate(kind)));
                }
            }
            Optional<Device> old = registry.devices(person.id()).stream()
                    .filter(d -> d.phone() && !d.retired()).findFirst();
            old.ifPresent(this::retire);
            String phoneId = registry.nextId("M");
            Minted sign = minter.mint(CertificateType.SIGNATURE_PHONE, person, phoneId, card.algorithm(),
                    registry.certificate(card.signature()).notAfter(), old.map(Device::signature).orElse(null));
            Minted auth = minter.mint(CertificateType.AUTH_PHONE, person, phoneId, card.algorithm(),
                    registry.certificate(card.authentication()).notAfter(), old.map(Device::authentication).orElse(null));
            VirtualCard phone = new VirtualCard(phoneId, token,
                    KeySlot.fresh(CaKind.SIGNATURE, sign.certificate(), sign.caCertificate(), sign.keys(), password),
                    KeySlot.fresh(CaKind.AUTHENTICATION, auth.certificate(), auth.caCertificate(), auth.keys(), pin));
            registry.store().saveCard(phone);
            Device device = new Device(phoneId, person.id(), token, card.algorithm(), sign.id(), auth.id(), cardId, false);
            registry.devices.put(phoneId, device);
            return device;
        }
    }

    void hold(String phoneId) {
        synchronized (registry) {
            Device phone = activePhone(phoneId);
            CertStatus status = registry.status(phone.authentication());
            if (!status.good()) {
                throw new ConflictException("the authentication certificate of " + phoneId + " is not good: " + status);
            }
            registry.append(phone.authentication(), Reason.CERTIFICATE_HOLD);
        }
    }

    void release(String phoneId) {
        synchronized (registry) {
            Device phone = activePhone(phoneId);
            CertStatus status = registry.status(phone.authentication());
            if (status.state() != CertStatus.State.ON_HOLD) {
                throw new ConflictException("the authentication certificate of " + phoneId + " is not on hold");
            }
            registry.append(phone.authentication(), Reason.REMOVE_FROM_CRL);
        }
    }

    private Device activePhone(String phoneId) {
        Device device = registry.device(phoneId);
        if (!device.phone()) {
            throw new ConflictException(phoneId + " is a card: a card certificate's hold is never released");
        }
        if (device.retired()) {
            throw new ConflictException("phone " + phoneId + " is retired");
        }
        life.alive(device.personId());
        return device;
    }

    private void retire(Device phone) {
        for (CaKind kind : CaKind.values()) {
            if (!registry.status(phone.certificate(kind)).revoked()) {
                registry.append(phone.certificate(kind), Reason.SUPERSEDED);
            }
        }
        registry.devices.put(phone.id(), phone.retire());
    }
}
