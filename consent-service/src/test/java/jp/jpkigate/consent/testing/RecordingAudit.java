package jp.jpkigate.consent.testing;

import io.vertx.core.Future;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import jp.jpkigate.consent.record.ConsentRecord;
import jp.jpkigate.consent.signing.ConsentAudit;

/** The audit calls, as {@code "<event> <id> [<code>]"} lines. */
public final class RecordingAudit extends ConsentAudit {
    public final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public Future<Void> signed(ConsentRecord consent) {
        events.add("signed " + consent.id());
        return super.signed(consent);
    }

    @Override
    public Future<Void> replaced(ConsentRecord previous) {
        events.add("replaced " + previous.id());
        return super.replaced(previous);
    }

    @Override
    public Future<Void> withdrawn(ConsentRecord consent) {
        events.add("withdrawn " + consent.id());
        return super.withdrawn(consent);
    }

    @Override
    public Future<Void> refused(String step, String subjectId, String clientId, String code) {
        events.add(step + " refused " + subjectId + " " + code);
        return super.refused(step, subjectId, clientId, code);
    }
}
