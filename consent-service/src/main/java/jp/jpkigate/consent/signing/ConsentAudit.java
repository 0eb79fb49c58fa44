package jp.jpkigate.consent.signing;

import io.vertx.core.Future;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import jp.jpkigate.consent.audit.AuditDetail;
import jp.jpkigate.consent.audit.ConsentAuditEvent;
import jp.jpkigate.consent.audit.ConsentAuditEventType;
import jp.jpkigate.consent.audit.ConsentAuditLog;
import jp.jpkigate.consent.record.ConsentEvidence;
import jp.jpkigate.consent.record.ConsentRecord;
import jp.jpkigate.consent.record.ConsentState;

/**
 * The person's pages' entries in the hash-chained {@link ConsentAuditLog}, in one place: a consent
 * signed (certificate issuer and serial, SHA-256 of the signed statement), its registration with J-LIS
 * (or that J-LIS has not answered yet), a consent replaced by a newer one of the same person, and a
 * withdrawal. Ids, client ids and codes only: never a customer number, a person key or anything of the
 * certificate beyond issuer and serial. Each future completes once the log has the entry.
 *
 * <p>Refused attempts (a signature refused, an invitation used by someone else, another person's card
 * at withdrawal) are {@code attempt_refused} entries with the reason.
 */
public final class ConsentAudit {

    private final ConsentAuditLog log;
    private final Clock clock;

    public ConsentAudit(ConsentAuditLog log, Clock clock) {
        this.log = Objects.requireNonNull(log, "log");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Future<Void> signed(ConsentRecord consent) {
        ConsentEvidence evidence = consent.evidence();
        return append(new ConsentAuditEvent(ConsentAuditEventType.CONSENT_SIGNED, clock.instant(), consent.clientId(), consent.id(),
                Map.of(AuditDetail.CERTIFICATE_ISSUER, evidence.certificateIssuer().toLowerCase(Locale.ROOT),
                        AuditDetail.CERTIFICATE_SERIAL, evidence.certificateSerial().toString(16),
                        AuditDetail.STATEMENT_SHA256, sha256(evidence.statement()))));
    }

    public Future<Void> replaced(ConsentRecord previous) {
        return withdrawal(previous, "replaced_by_newer_consent");
    }

    public Future<Void> withdrawn(ConsentRecord consent) {
        return withdrawal(consent, "withdrawn_on_dashboard");
    }

    /**
     * A refused attempt: what ({@code consent} / {@code withdrawal}), of which subject and business, why;
     * the reason is {@code <step>_<code>} in the audit log's reason syntax.
     */
    public Future<Void> refused(String step, String subjectId, String clientId, String code) {
        String reason = (step + "_" + code).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        return append(new ConsentAuditEvent(ConsentAuditEventType.ATTEMPT_REFUSED, clock.instant(), clientId, subjectId,
                Map.of(AuditDetail.REASON, reason.length() > 64 ? reason.substring(0, 64) : reason)));
    }

    private Future<Void> withdrawal(ConsentRecord consent, String reason) {
        return append(new ConsentAuditEvent(ConsentAuditEventType.CONSENT_WITHDRAWN, clock.instant(), consent.clientId(),
                consent.id(), Map.of(AuditDetail.REASON, reason)));
    }

    private Future<Void> append(ConsentAuditEvent event) {
        return log.append(event).mapEmpty();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
