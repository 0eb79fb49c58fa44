package jp.jpkigate.consent.testing;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import jp.jpkigate.consent.record.ConsentRecord;
import jp.jpkigate.consent.record.Registration;
import jp.jpkigate.consent.registry.ConsentRegistration;
import jp.jpkigate.consent.store.ConsentStore;

/**
 * A J-LIS that answers at once, as the real link does when J-LIS is up: a registered consent becomes
 * ACTIVE (and loses its certificate) in the store, a withdrawal is marked reported. Records the ids.
 */
public final class RecordingRegistration implements ConsentRegistration {
    public final List<String> registered = new CopyOnWriteArrayList<>();
    public final List<String> withdrawals = new CopyOnWriteArrayList<>();
    private final ConsentStore store;
    private final Clock clock;

    public RecordingRegistration(ConsentStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public Future<ConsentRecord> register(ConsentRecord signed) {
        registered.add(signed.id());
        LocalDate recorded = LocalDate.ofInstant(clock.instant(), ConsentRecord.JAPAN);
        ConsentRecord active = signed.registered(new Registration("jlis-" + signed.id(), clock.instant(),
                recorded.plusDays(1).plusYears(10).minusDays(1)));
        return store.update(signed, active).map(ok -> ok ? active : signed);
    }

    @Override
    public Future<ConsentRecord> reportWithdrawal(ConsentRecord withdrawn) {
        withdrawals.add(withdrawn.id());
        ConsentRecord reported = withdrawn.withdrawn(withdrawn.withdrawal().orElseThrow().reported());
        return store.update(withdrawn, reported).map(ok -> ok ? reported : withdrawn);
    }
}
