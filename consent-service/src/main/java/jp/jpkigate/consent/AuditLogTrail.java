package jp.jpkigate.consent;

import io.vertx.core.Future;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import jp.jpkigate.consent.audit.AuditDetail;
import jp.jpkigate.consent.audit.ConsentAuditEvent;
import jp.jpkigate.consent.audit.ConsentAuditEventType;
import jp.jpkigate.consent.audit.ConsentAuditLog;
import jp.jpkigate.consent.record.ConsentRecord;

/**
 * {@link ConsentAuditTrail} on the hash-chained {@link ConsentAuditLog}: {@code invited} (batch size, the
 * record being the batch's first invitation), {@code consent_registered}, {@code registration_failed}
 * (reason), {@code withdrawal_pulled}; the business is the client id, the record the consent id. Time from the
 * injected clock.
 */
public final class AuditLogTrail implements ConsentAuditTrail {
    private final ConsentAuditLog log;
    private final Clock clock;

    public AuditLogTrail(ConsentAuditLog log, Clock clock) {
        this.log = Objects.requireNonNull(log, "log");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Future<Void> invited(String clientId, String batch, int count) {
        return append(new ConsentAuditEvent(ConsentAuditEventType.INVITED, clock.instant(), clientId, batch,
                Map.of(AuditDetail.BATCH_SIZE, Integer.toString(count))));
    }

    @Override
    public Future<Void> registered(ConsentRecord consent) {
        return append(ConsentAuditEvent.of(ConsentAuditEventType.CONSENT_REGISTERED, clock.instant(), consent.clientId(),
                consent.id()));
    }

    @Override
    public Future<Void> registrationFailed(ConsentRecord consent, String reason) {
        return append(new ConsentAuditEvent(ConsentAuditEventType.REGISTRATION_FAILED, clock.instant(), consent.clientId(),
                consent.id(), Map.of(AuditDetail.REASON, reason)));
    }

    @Override
    public Future<Void> withdrawalPulled(ConsentRecord consent) {
        return append(ConsentAuditEvent.of(ConsentAuditEventType.WITHDRAWAL_PULLED, clock.instant(), consent.clientId(),
                consent.id()));
    }

    private Future<Void> append(ConsentAuditEvent event) {
        return log.append(event).mapEmpty();
    }
}
