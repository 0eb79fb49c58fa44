package jp.jpkigate.sim.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import jp.jpkigate.sim.ca.CaKind;
import jp.jpkigate.sim.card.CardClient;
import jp.jpkigate.sim.card.CardFile;
import jp.jpkigate.sim.consent.Consent;
import jp.jpkigate.sim.consent.Item;
import jp.jpkigate.sim.registry.CertId;
import jp.jpkigate.sim.registry.CertRecord;
import jp.jpkigate.sim.registry.Device;
import jp.jpkigate.sim.registry.Person;
import jp.jpkigate.sim.registry.SimRegistry;
import jp.jpkigate.sim.registry.SimState;

/** Plain-text views of people, devices and certificates. Never prints secrets or keys. */
final class Report {
    private Report() {
    }

    static void person(PrintWriter out, Person person) {
        out.printf("person %s: %s %s, born %s, %s, %s (%s)%s%s%n", person.id(), person.familyName(), person.givenName(),
                person.birthDate(), person.gender().name().toLowerCase(java.util.Locale.ROOT), person.address(),
                person.municipality(), person.deceased() ? ", deceased" : "",
                person.dvProtection() ? ", under DV protection (address withheld)" : "");
    }

    /** A consent of the latest-4-information service: ids, business, items, status and dates. */
    static void consent(PrintWriter out, Consent consent) {
        out.printf("  consent %s (PF id %s): business %s \"%s\", items %s%n", consent.registryId(), consent.consentId(),
                consent.businessId(), consent.businessName(),
                String.join(",", consent.items().stream().map(Item::wireName).toList()));
        out.printf("    %s, recorded %s, valid until %s%s%n", consent.status().wireName(), consent.recordedAt(),
                consent.validUntil(), consent.active() ? ""
                        : ", " + consent.status().wireName() + " at " + consent.endedAt()
                        + (consent.withdrawnBy() == null ? "" : " by " + consent.withdrawnBy().wireName()));
    }

    /** A device, its current certificates with status, and (with {@code triesLeft}) its tries counters. */
    static void device(PrintWriter out, SimState state, Device device, boolean triesLeft) {
        SimRegistry registry = state.registry();
        out.printf("  %s %s (%s, %s)%s%s%n", device.phone() ? "phone" : "card", device.id(),
                device.token().label(), device.algorithm(), device.phone() ? ", linked to card " + device.cardId() : "",
                device.retired() ? ", retired" : "");
        out.printf("    card file %s%n", state.cardFile(device.id()));
        for (CaKind kind : CaKind.values()) {
            certificate(out, registry, device.certificate(kind));
        }
        Path file = state.cardFile(device.id());
        if (triesLeft && Files.exists(file)) {
            CardClient client = new CardClient(CardFile.open(file));
            out.printf("    tries left: password %d/5, PIN %d/3%n",
                    client.triesLeft(CaKind.SIGNATURE), client.triesLeft(CaKind.AUTHENTICATION));
        }
    }

    static void certificate(PrintWriter out, SimRegistry registry, CertId id) {
        CertRecord record = registry.certificate(id);
        out.printf("    %-15s %s serial %s  %s  until %s  partition %s%n", record.type(), id.caId(), id.serial(),
                registry.status(id), record.notAfter(), record.partition());
    }

    /** The person and their devices that are not retired. */
    static void summary(PrintWriter out, SimState state, String personId) {
        person(out, state.registry().person(personId));
        for (Device device : state.registry().devices(personId)) {
            if (!device.retired()) {
                device(out, state, device, false);
            }
        }
    }
}
