package jp.jpkigate.consent.statement;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import jp.jpkigate.consent.ConsentItems;
import jp.jpkigate.consent.invitation.Invitation;
import jp.jpkigate.consent.record.ConsentRecord;

/**
 * The exact bytes a card signs for the latest-4-information service: the canonical JSON (RFC 8785,
 * {@link CanonicalJson}) of one of two documents.
 * <pre>
 * consent:    {"type": "jpki-gate-consent-v1", "service": "latest-4-information", "issuer",
 *              "business": {"id": client_id, "name"}, "customer_number", "items": [...], "purpose",
 *              "date": "yyyy-MM-dd" (Japan), "validity": {@value #VALIDITY}, "invitation", "transaction"}
 * withdrawal: {"type": "jpki-gate-consent-withdrawal-v1", "issuer", "consent", "business": {"id", "name"},
 *              "customer_number", "date", "transaction"}
 * </pre>
 * The type names the document and its version, so a signature over one can never pass for the other
 * or for a login ({@code jpki-gate-login-v1} is not JSON). The issuer and the business bind it to this
 * platform and this business; the transaction id (256 random bits, single use) makes each signature
 * count once. Nothing of the person is in it but the customer number the business gave: the card's
 * 4 information stay in the certificate.
 */
public final class ConsentStatement {
    public static final String CONSENT_TYPE = "jpki-gate-consent-v1";
    public static final String WITHDRAWAL_TYPE = "jpki-gate-consent-withdrawal-v1";
    public static final String SERVICE = "latest-4-information";
    /** How long a consent lasts, as J-LIS counts it (JPKI.md, latest 4-information service). */
    public static final String VALIDITY = "10 years from the day after J-LIS records it";

    private ConsentStatement() {
    }

    /** The business as the statement names it: its client id and display name. */
    public record Business(String id, String name) {
        public Business {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
        }

        private Map<String, Object> json() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("id", id);
            json.put("name", name);
            return json;
        }
    }

    /** The consent {@code invitation} asks for, signed on {@code now} (its Japanese date) in transaction {@code txn}. */
    public static byte[] consent(String issuer, Business business, Invitation invitation, Instant now, String txn) {
        if (!business.id().equals(invitation.clientId())) {
            throw new IllegalArgumentException("the statement names the invitation's business");
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", CONSENT_TYPE);
        json.put("service", SERVICE);
        json.put("issuer", Objects.requireNonNull(issuer, "issuer"));
        json.put("business", business.json());
        json.put("customer_number", invitation.customerNumber());
        json.put("items", List.copyOf(ConsentItems.wireNames(invitation.items())));
        json.put("purpose", invitation.purpose());
        json.put("date", date(now));
        json.put("validity", VALIDITY);
        json.put("invitation", invitation.id());
        json.put("transaction", Objects.requireNonNull(txn, "txn"));
        return CanonicalJson.canonicalize(json);
    }

    /** The withdrawal of {@code consent}, signed on {@code now} in transaction {@code txn}. */
    public static byte[] withdrawal(String issuer, Business business, ConsentRecord consent, Instant now, String txn) {
        if (!business.id().equals(consent.clientId())) {
            throw new IllegalArgumentException("the statement names the consent's business");
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", WITHDRAWAL_TYPE);
        json.put("issuer", Objects.requireNonNull(issuer, "issuer"));
        json.put("consent", consent.id());
        json.put("business", business.json());
        json.put("customer_number", consent.customerNumber());
        json.put("date", date(now));
        json.put("transaction", Objects.requireNonNull(txn, "txn"));
        return CanonicalJson.canonicalize(json);
    }

    /** The statement as text (it is UTF-8 JSON), for showing it to the person. */
    public static String text(byte[] statement) {
        return new String(statement, StandardCharsets.UTF_8);
    }

    /** The Japanese calendar date of {@code now}, {@code yyyy-MM-dd}. */
    public static String date(Instant now) {
        return LocalDate.ofInstant(now, ConsentRecord.JAPAN).toString();
    }
}
