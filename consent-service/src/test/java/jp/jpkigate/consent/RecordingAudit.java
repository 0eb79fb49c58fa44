package jp.jpkigate.consent;

import io.vertx.core.Future;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import jp.jpkigate.consent.record.ConsentRecord;

/** A {@link ConsentAuditTrail} that remembers its events as {@code "type client consent-or-count detail"} lines. */
public final class RecordingAudit implements ConsentAuditTrail {
    public final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public Future<Void> invited(String clientId, String batch, int count) {
        return add("invited " + clientId + " " + count);
    }

    @Override
    public Future<Void> registered(ConsentRecord consent) {
        return add("consent_registered " + consent.clientId() + " " + consent.id());
    }

    @Override
    public Future<Void> registrationFailed(ConsentRecord consent, String reason) {
        return add("registration_failed " + consent.clientId() + " " + consent.id() + " " + reason);
    }

    @Override
    public Future<Void> withdrawalPulled(ConsentRecord consent) {
        return add("withdrawal_pulled " + consent.clientId() + " " + consent.id());
    }

    private Future<Void> add(String event) {
        events.add(event);
        return Future.succeededFuture();
    }
}
