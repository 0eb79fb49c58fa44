package jp.jpkigate.consent.registry;

import io.vertx.core.Future;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * J-LIS's consent registry as the platform reaches it (the simulator's message formats: the real ones are
 * not public). Every call fails with {@link JlisException}: {@link JlisException.Kind#UNAVAILABLE} for what
 * may pass on a retry (no connection, timeout, 5xx, 408, 429, an unreadable answer), {@link
 * JlisException.Kind#REFUSED} for J-LIS's refusal of this request (a 4xx problem document).
 */
public interface JlisConsentRegistry {
    /** What the person signed and how: the exact statement bytes, the signature, the DER signature certificate. */
    record Signed(byte[] statement, byte[] signature, byte[] certificate) {
        public Signed {
            Objects.requireNonNull(statement, "statement");
            Objects.requireNonNull(signature, "signature");
            Objects.requireNonNull(certificate, "certificate");
        }
    }

    /** A consent to record: the platform's consent id, the business (client id) and its name, the items' wire names. */
    record Registration(String consentId, String businessId, String businessName, List<String> items, Signed signed) {
        public Registration {
            Objects.requireNonNull(consentId, "consentId");
            Objects.requireNonNull(businessId, "businessId");
            Objects.requireNonNull(businessName, "businessName");
            items = List.copyOf(items);
            Objects.requireNonNull(signed, "signed");
        }
    }

    /** J-LIS's record of a consent ({@code status}: active, withdrawn, replaced, expired). */
    record Recorded(String registryId, String consentId, String businessId, String status, Instant recordedAt,
                    LocalDate validUntil, Optional<Instant> withdrawnAt, Optional<String> withdrawnBy) {
    }

    /** One status change J-LIS recorded, oldest first by {@code cursor}. */
    record Change(String cursor, String registryId, String consentId, String businessId, String status, Instant at,
                  Optional<String> withdrawnBy) {
    }

    record ChangePage(List<Change> changes, String next) {
        public ChangePage {
            changes = List.copyOf(changes);
            Objects.requireNonNull(next, "next");
        }
    }

    /** {@code POST /jlis/consents}: records the consent (the same again answers the same record). */
    Future<Recorded> register(Registration registration);

    /** {@code POST /jlis/consents/{registry_id}/withdrawal}: the person's signed withdrawal. */
    Future<Recorded> withdraw(String registryId, Signed withdrawal);

    /** {@code GET /jlis/consents/{registry_id}}. */
    Future<Recorded> find(String registryId);

    /** {@code GET /jlis/consents?business_id=…&after=…&limit=…}; {@code after} "0" from the start. */
    Future<ChangePage> changes(String businessId, String after, int limit);
}
