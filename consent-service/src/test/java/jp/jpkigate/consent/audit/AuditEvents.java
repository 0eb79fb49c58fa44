package jp.jpkigate.consent.audit;

import java.time.Clock;
import java.util.Map;

/** Audit events as the consent flows will write them, at the clock's time. */
final class AuditEvents {
    static final String STATEMENT_SHA256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private AuditEvents() {
    }

    static ConsentAuditEvent invited(Clock clock, String invitationId, int count) {
        return new ConsentAuditEvent(ConsentAuditEventType.INVITED, clock.instant(), "bank", invitationId,
                Map.of(AuditDetail.BATCH_SIZE, Integer.toString(count)));
    }

    static ConsentAuditEvent signed(Clock clock, String consentId) {
        return new ConsentAuditEvent(ConsentAuditEventType.CONSENT_SIGNED, clock.instant(), "bank", consentId, signature("1234567890abcdef"));
    }

    /** The details of a signature: issuer, serial (hex), statement hash. */
    static Map<AuditDetail, String> signature(String serialHex) {
        return Map.of(AuditDetail.CERTIFICATE_ISSUER, "jlis:sign_ca_2023", AuditDetail.CERTIFICATE_SERIAL, serialHex,
                AuditDetail.STATEMENT_SHA256, STATEMENT_SHA256);
    }
}
