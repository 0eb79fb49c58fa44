package jp.jpkigate.consent;

import io.vertx.core.Future;
import jp.jpkigate.consent.record.ConsentRecord;

/**
 * The consent audit events of the business API and the J-LIS link, in one place, so the audit log
 * is wired by one class. Events name the business (client id), the consent id and machine-readable
 * reason codes only: never a customer number, never anything of the person.
 *
 * <p>Each future completes once the event is durably appended; a failure fails the step that caused
 * it (which its caller then retries, so events are appended at least once).
 */
public interface ConsentAuditTrail {
    /** An audit trail that records nothing (tests of other concerns, and until the log is wired). */
    ConsentAuditTrail NONE = new ConsentAuditTrail() {
        @Override
        public Future<Void> invited(String clientId, String batch, int count) {
            return Future.succeededFuture();
        }

        @Override
        public Future<Void> registered(ConsentRecord consent) {
            return Future.succeededFuture();
        }

        @Override
        public Future<Void> registrationFailed(ConsentRecord consent, String reason) {
            return Future.succeededFuture();
        }

        @Override
        public Future<Void> withdrawalPulled(ConsentRecord consent) {
            return Future.succeededFuture();
        }
    };

    /**
     * A business created {@code count} (≥ 1) new invitations in one call; {@code batch} names the batch (the id
     * of its first new invitation).
     */
    Future<Void> invited(String clientId, String batch, int count);

    /** J-LIS recorded the consent. */
    Future<Void> registered(ConsentRecord consent);

    /** J-LIS did not record the consent; {@code reason} is {@code [a-z][a-z0-9_]*} such as {@code jlis_unavailable}. */
    Future<Void> registrationFailed(ConsentRecord consent, String reason);

    /** A withdrawal the person made in J-LIS's own app was learned from J-LIS and applied. */
    Future<Void> withdrawalPulled(ConsentRecord consent);
}
