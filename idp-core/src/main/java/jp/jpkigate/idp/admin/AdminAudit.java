package jp.jpkigate.idp.admin;

import io.vertx.core.Future;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.idp.key.KeyRotationException;
import jp.jpkigate.idp.oauth.OAuthException;
import jp.jpkigate.idp.store.AdminAuditLog;

/**
 * Puts every admin API call in the audit log: {@link #around} runs the work and appends one record
 * with its outcome — {@code ok} and the changes, or the error code — before the caller is answered.
 * When the log cannot be written the call fails (the caller sees a server error), so no answered
 * call goes unrecorded.
 */
public final class AdminAudit {
    private static final int MAX_READ = 1000;

    private final AdminAuditLog log;
    private final Clock clock;

    /** What a call did: its result, and the changes to record (empty for reads). */
    public record Done<T>(T result, Map<String, Object> changes) {
        public static <T> Done<T> read(T result) {
            return new Done<>(result, Map.of());
        }
    }

    public AdminAudit(AdminAuditLog log, Clock clock) {
        this.log = Objects.requireNonNull(log, "log");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Runs {@code work}, records it, and answers its result or its failure. */
    public <T> Future<T> around(AdminPrincipal who, String action, Optional<String> clientId, Future<Done<T>> work) {
        return work.transform(done -> {
            String outcome = done.succeeded() ? "ok" : outcomeOf(done.cause());
            Map<String, Object> changes = done.succeeded() ? done.result().changes() : Map.of();
            AuditRecord record = new AuditRecord(Optional.empty(), clock.instant(), who.label(), action, clientId, outcome, changes);
            return log.append(record).compose(id -> done.succeeded()
                    ? Future.succeededFuture(done.result().result()) : Future.failedFuture(done.cause()));
        });
    }

    /**
     * Records appended after {@code after} (absent: from the first), oldest first, at most
     * {@code limit} (1-1000, absent: 100); the read itself is recorded after it.
     */
    public Future<List<AuditRecord>> read(AdminPrincipal who, Optional<String> after, Optional<String> limit) {
        Future<List<AuditRecord>> records;
        if (limit.isPresent() && !limit.get().matches("[0-9]{1,4}") || limit.map(l -> Integer.parseInt(l) < 1
                || Integer.parseInt(l) > MAX_READ).orElse(false)) {
            records = Future.failedFuture(new RegistrationException(RegistrationException.Kind.INVALID_REQUEST,
                    "limit must be 1-" + MAX_READ));
        } else {
            records = log.after(after.orElse("0"), limit.map(Integer::parseInt).orElse(100)).recover(e -> Future.failedFuture(
                    e instanceof IllegalArgumentException ? new RegistrationException(RegistrationException.Kind.INVALID_REQUEST,
                            e.getMessage()) : e));
        }
        return around(who, "audit.read", Optional.empty(), records.map(Done::read));
    }

    private static String outcomeOf(Throwable failure) {
        if (failure instanceof RegistrationException refused) {
            return refused.code();
        }
        if (failure instanceof KeyRotationException refused) {
            return KeyAdministration.errorCode(refused);
        }
        if (failure instanceof OAuthException malformed) {
            return malformed.error().code();
        }
        return "server_error";
    }
}
