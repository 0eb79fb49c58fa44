package jp.jpkigate.sim.consent;

import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import jp.jpkigate.sim.registry.CertId;

/**
 * One consent of a person to the latest-4-information service for one business, as J-LIS keeps it.
 *
 * @param registryId      J-LIS's id, e.g. {@code R000001}
 * @param consentId       the platform operator's id of the same consent (unique at J-LIS)
 * @param businessId      the business the 4 information goes to
 * @param businessName    its name as the person saw it
 * @param items           the consented items, in {@link Item} order
 * @param personId        whose signature certificate signed the consent
 * @param certificate     that signature certificate
 * @param statementSha256 hex SHA-256 of the signed statement (J-LIS keeps the evidence's digest)
 * @param recordedAt      when J-LIS recorded it
 * @param validUntil      the last day of validity in Japan time ({@link ConsentValidity})
 * @param status          active, or how it ended
 * @param endedAt         when it was withdrawn, replaced or expired; null while active
 * @param withdrawnBy     through whom it was withdrawn; null unless withdrawn
 */
public record Consent(String registryId, String consentId, String businessId, String businessName, List<Item> items,
                      String personId, CertId certificate, String statementSha256, Instant recordedAt,
                      LocalDate validUntil, ConsentStatus status, Instant endedAt, Withdrawer withdrawnBy) {
    public Consent {
        Objects.requireNonNull(registryId, "registryId");
        Objects.requireNonNull(consentId, "consentId");
        Objects.requireNonNull(businessId, "businessId");
        Objects.requireNonNull(businessName, "businessName");
        Objects.requireNonNull(personId, "personId");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(statementSha256, "statementSha256");
        Objects.requireNonNull(recordedAt, "recordedAt");
        Objects.requireNonNull(validUntil, "validUntil");
        Objects.requireNonNull(status, "status");
        items = List.copyOf(EnumSet.copyOf(items));
        if ((status == ConsentStatus.ACTIVE) != (endedAt == null)
                || (status == ConsentStatus.WITHDRAWN) != (withdrawnBy != null)) {
            throw new IllegalArgumentException("an active consent has no end; only a withdrawn one a withdrawer");
        }
    }

    public boolean active() {
        return status == ConsentStatus.ACTIVE;
    }

    public Set<Item> itemSet() {
        return EnumSet.copyOf(items);
    }

    /** The first instant it is no longer valid. */
    public Instant expiresAt() {
        return ConsentValidity.expiresAt(validUntil);
    }

    /** The consent ended: withdrawn (with {@code by}), replaced or expired. */
    Consent ended(ConsentStatus how, Instant at, Withdrawer by) {
        return new Consent(registryId, consentId, businessId, businessName, items, personId, certificate,
                statementSha256, recordedAt, validUntil, how, at, by);
    }
}
