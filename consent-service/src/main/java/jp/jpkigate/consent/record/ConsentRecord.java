package jp.jpkigate.consent.record;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.consent.ConsentItems;
import jp.jpkigate.consent.invitation.CustomerNumber;
import jp.jpkigate.consent.invitation.Invitation;
import jp.jpkigate.consent.invitation.Purpose;
import jp.jpkigate.idp.approval.FourInformationItem;

/**
 * A person's signed consent to one business: who (the business, its customer number, the person's
 * renewal-stable key — never a name), what (items, purpose), when it was signed, where it stands, and
 * the evidence. Its id is the id of the invitation it answers.
 *
 * @param personKey   the person's renewal-stable key ({@code PersonKeyResolver}): survives card renewal
 * @param itemDigests keyed digests of the consented items' current values ({@code ItemDigester}), never the
 *                    values: what the 4-information feed compares J-LIS's answers with; empty when unknown
 */
public record ConsentRecord(String id, String clientId, String customerNumber, String personKey,
                            List<FourInformationItem> items, String purpose, Instant signedAt, ConsentState state,
                            Optional<Registration> registration, ConsentEvidence evidence,
                            Optional<Withdrawal> withdrawal, Map<FourInformationItem, String> itemDigests) {
    /** Japan time: the registry's days (and so a consent's last day) are Japanese calendar days. */
    public static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    public ConsentRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(clientId, "clientId");
        CustomerNumber.require(customerNumber);
        Objects.requireNonNull(personKey, "personKey");
        items = ConsentItems.parse(ConsentItems.wireNames(items));
        Purpose.require(purpose);
        Objects.requireNonNull(signedAt, "signedAt");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(registration, "registration");
        Objects.requireNonNull(evidence, "evidence");
        Objects.requireNonNull(withdrawal, "withdrawal");
        Objects.requireNonNull(itemDigests, "itemDigests");
        itemDigests = itemDigests.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(itemDigests));
        if (!items.containsAll(itemDigests.keySet())) {
            throw new IllegalArgumentException("digests only of consented items");
        }
        if (state == ConsentState.ACTIVE && registration.isEmpty()) {
            throw new IllegalArgumentException("an active consent is registered");
        }
        if (state == ConsentState.WITHDRAWN && withdrawal.isEmpty()) {
            throw new IllegalArgumentException("a withdrawn consent says how");
        }
    }

    /** A record without item digests. */
    public ConsentRecord(String id, String clientId, String customerNumber, String personKey,
                         List<FourInformationItem> items, String purpose, Instant signedAt, ConsentState state,
                         Optional<Registration> registration, ConsentEvidence evidence, Optional<Withdrawal> withdrawal) {
        this(id, clientId, customerNumber, personKey, items, purpose, signedAt, state, registration, evidence, withdrawal,
                Map.of());
    }

    /** The consent a person just signed for {@code invitation}: registering, certificate still kept. */
    public static ConsentRecord signed(Invitation invitation, String personKey, Instant signedAt, ConsentEvidence evidence) {
        return new ConsentRecord(invitation.id(), invitation.clientId(), invitation.customerNumber(), personKey,
                invitation.items(), invitation.purpose(), signedAt, ConsentState.REGISTERING, Optional.empty(), evidence,
                Optional.empty());
    }

    /** Recorded by J-LIS: active, and the signature certificate is no longer kept. */
    public ConsentRecord registered(Registration done) {
        return new ConsentRecord(id, clientId, customerNumber, personKey, items, purpose, signedAt,
                state == ConsentState.REGISTERING ? ConsentState.ACTIVE : state, Optional.of(done),
                evidence.withoutCertificate(), withdrawal, itemDigests);
    }

    /**
     * Without the signature certificates of the consent's and the withdrawal's evidence: for a consent J-LIS
     * refused for good (it will never need them), since the platform keeps them only until J-LIS has them.
     */
    public ConsentRecord withoutCertificates() {
        return new ConsentRecord(id, clientId, customerNumber, personKey, items, purpose, signedAt, state, registration,
                evidence.withoutCertificate(), withdrawal.map(w -> new Withdrawal(w.at(), w.source(),
                        w.evidence().map(ConsentEvidence::withoutCertificate), w.reportedToRegistry())), itemDigests);
    }

    public ConsentRecord withdrawn(Withdrawal how) {
        return new ConsentRecord(id, clientId, customerNumber, personKey, items, purpose, signedAt, ConsentState.WITHDRAWN,
                registration, evidence, Optional.of(how), itemDigests);
    }

    public ConsentRecord replaced() {
        return new ConsentRecord(id, clientId, customerNumber, personKey, items, purpose, signedAt, ConsentState.REPLACED,
                registration, evidence, withdrawal, itemDigests);
    }

    /** The same consent with the digests of its items' values as they are now. */
    public ConsentRecord withItemDigests(Map<FourInformationItem, String> digests) {
        return new ConsentRecord(id, clientId, customerNumber, personKey, items, purpose, signedAt, state, registration,
                evidence, withdrawal, digests);
    }

    /** In force on {@code now}: active (or registering) and, once registered, not past its last day. */
    public boolean isInForce(Instant now) {
        return switch (state) {
            case REGISTERING -> true;
            case ACTIVE -> !isExpired(now);
            case WITHDRAWN, REPLACED -> false;
        };
    }

    /** Past its last day (Japan time), whatever the state. */
    public boolean isExpired(Instant now) {
        Optional<LocalDate> last = registration.map(Registration::validUntil);
        return last.isPresent() && LocalDate.ofInstant(now, JAPAN).isAfter(last.get());
    }

    @Override
    public String toString() {
        return "ConsentRecord[" + id + ", client " + clientId + ", " + state + "]";
    }
}
