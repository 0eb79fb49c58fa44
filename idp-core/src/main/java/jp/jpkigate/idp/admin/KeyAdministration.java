package jp.jpkigate.idp.admin;

import io.vertx.core.Future;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.idp.admin.AdminAudit.Done;
import jp.jpkigate.idp.key.KeyRotation;
import jp.jpkigate.idp.key.KeyRotationException;
import jp.jpkigate.idp.key.KeyRotationOptions;
import jp.jpkigate.idp.key.KeySet;
import jp.jpkigate.idp.key.ManagedKey;

/**
 * The signing keys for the admin API: their states ({@code GET /admin/keys}) and a rotation on
 * request ({@code POST /admin/keys/rotate}) or on the schedule ({@link #rotateIfDue}), audited.
 * Answers public facts only: key ids, algorithms, states and times.
 */
public final class KeyAdministration {
    private final KeyRotation rotation;
    private final AdminAudit audit;
    private final Clock clock;

    public KeyAdministration(KeyRotation rotation, AdminAudit audit, Clock clock) {
        this.rotation = Objects.requireNonNull(rotation, "rotation");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The key set this replica uses, with the rotation settings. */
    public Future<Map<String, Object>> status(AdminPrincipal who) {
        return audit.around(who, "keys.read", Optional.empty(), rotation.refresh().map(changed -> Done.read(view())));
    }

    /** Rotates now; fails with {@link KeyRotationException} when the next key may not sign yet. */
    public Future<Map<String, Object>> rotate(AdminPrincipal who) {
        return audit.around(who, "keys.rotate", Optional.empty(),
                rotation.rotate().map(done -> new Done<>(view(), changes(done))));
    }

    /** The automatic schedule's rotation, audited as {@code schedule}; empty when not due. */
    public Future<Optional<KeyRotation.Rotation>> rotateIfDue() {
        return rotation.rotateIfDue().compose(done -> done.isEmpty() ? Future.succeededFuture(done)
                : audit.around(AdminPrincipal.SCHEDULE, "keys.rotate", Optional.empty(),
                        Future.succeededFuture(new Done<>(done, changes(done.get())))));
    }

    /** The error code answered (and audited) for a refused rotation. */
    public static String errorCode(KeyRotationException refused) {
        return refused.reason() == KeyRotationException.Reason.NOT_READY ? "rotation_not_ready" : "conflict";
    }

    private static Map<String, Object> changes(KeyRotation.Rotation done) {
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.putAll(MetadataDiff.change("current", done.before().current().kid(), done.after().current().kid()));
        changes.putAll(MetadataDiff.change("next", done.before().next().kid(), done.after().next().kid()));
        changes.putAll(MetadataDiff.change("retiring", kids(done.before().retiring()), kids(done.after().retiring())));
        return changes;
    }

    private static List<String> kids(List<ManagedKey> keys) {
        return keys.stream().map(ManagedKey::kid).toList();
    }

    private Map<String, Object> view() {
        KeyRotationOptions options = rotation.options();
        Map<String, Object> json = new LinkedHashMap<>();
        List<Object> keys = new ArrayList<>();
        Optional<KeySet> set = rotation.keySet();
        set.ifPresent(s -> s.keys().stream().filter(k -> k.publishedAt(clock.instant()))
                .forEach(k -> keys.add(k.toPublicJsonObject())));
        json.put("keys", keys);
        set.ifPresent(s -> {
            json.put("next_usable_at", s.nextUsableAt(options.propagationDelay()).toString());
            s.current().activatedAt().filter(t -> !options.rotationPeriod().isZero())
                    .ifPresent(t -> json.put("scheduled_rotation_at", t.plus(options.rotationPeriod()).toString()));
        });
        json.put("algorithm", options.algorithm().getName());
        json.put("propagation_delay_seconds", options.propagationDelay().toSeconds());
        json.put("retention_seconds", options.retention().toSeconds());
        json.put("rotation_period_days", options.rotationPeriod().toDays());
        return json;
    }
}
