package jp.jpkigate.consent.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import jp.jpkigate.consent.record.BusinessStatus;
import jp.jpkigate.idp.approval.FourInformationItem;

/**
 * Where a business's customer stands, as {@code GET /consent/v1/customers/{customer_number}/consent}
 * answers it: the status, the consent (when one was signed) or the pending / expired invitation, what it
 * covers, and its dates. Nothing of the person.
 */
public record CustomerConsent(String customerNumber, BusinessStatus status, Optional<String> consentId,
                              Optional<String> invitationId, List<FourInformationItem> items, String purpose,
                              Optional<Instant> signedAt, Optional<LocalDate> validUntil, Optional<Instant> withdrawnAt) {
}
