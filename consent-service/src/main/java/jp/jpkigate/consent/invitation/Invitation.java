package jp.jpkigate.consent.invitation;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import jp.jpkigate.consent.ConsentItems;
import jp.jpkigate.idp.approval.FourInformationItem;

/**
 * A business's invitation to one customer to consent to the latest-4-information service: the
 * business (client id), its customer number, the items it asks for, the purpose, and how long the
 * link works. Single use: the consent signed through it takes the invitation's id (the store keeps
 * both under one key, so using an invitation and recording the consent are one atomic step).
 *
 * @param id             22 base64url characters (128 random bits); public, the business refers to it
 * @param clientId       the business's OAuth client id
 * @param customerNumber the business's number for the customer ({@link CustomerNumber})
 * @param items          what is asked for, in the card's order
 * @param purpose        why ({@link Purpose})
 */
public record Invitation(String id, String clientId, String customerNumber, List<FourInformationItem> items,
                         String purpose, Instant createdAt, Instant expiresAt) {
    public Invitation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(clientId, "clientId");
        CustomerNumber.require(customerNumber);
        items = ConsentItems.parse(ConsentItems.wireNames(items));
        Purpose.require(purpose);
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (!expiresAt.isAfter(createdAt)) {
            throw new IllegalArgumentException("an invitation must expire after it is created");
        }
    }

    public boolean isExpired(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /** Whether {@code other} asks the same customer the same thing (a retried batch line). */
    public boolean asksSameAs(Invitation other) {
        return clientId.equals(other.clientId) && customerNumber.equals(other.customerNumber)
                && items.equals(other.items) && purpose.equals(other.purpose);
    }
}
