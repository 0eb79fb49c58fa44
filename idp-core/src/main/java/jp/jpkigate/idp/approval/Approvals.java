package jp.jpkigate.idp.approval;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.idp.store.ApprovalStore;

/**
 * A person's remembered consents, one per client, keyed by the person's renewal-stable key (from
 * {@code PersonKeyResolver}). Approvals expire {@link ApprovalOptions#approvalLifetime()} after the
 * person last gave them; expired ones count as absent. A new approval for a client widens the one
 * remembered (the person has approved both), and restarts its lifetime.
 */
public final class Approvals {
    private final ApprovalStore store;
    private final Duration lifetime;
    private final Clock clock;

    public Approvals(ApprovalStore store, ApprovalOptions options, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.lifetime = options.approvalLifetime();
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Whether the person's remembered approval for the client covers everything {@code sharing} asks. */
    public Future<Boolean> covers(String personKey, String clientId, RequestedSharing sharing) {
        Instant now = clock.instant();
        return store.find(personKey, clientId).map(found -> found.filter(a -> a.covers(sharing, now)).isPresent());
    }

    /** Remembers that the person approved {@code sharing} for the client now. */
    public Future<Approval> remember(String personKey, String clientId, RequestedSharing sharing) {
        Instant now = clock.instant();
        return store.find(personKey, clientId).compose(found -> {
            Approval next = found.filter(a -> !a.isExpired(now))
                    .map(a -> a.widenedBy(sharing, now, lifetime))
                    .orElseGet(() -> Approval.of(clientId, sharing, now, lifetime));
            return store.save(personKey, next, lifetime).map(v -> next);
        });
    }

    /** The person's unexpired approvals, most recent first. */
    public Future<List<Approval>> list(String personKey) {
        Instant now = clock.instant();
        return store.list(personKey).map(all -> all.stream().filter(a -> !a.isExpired(now))
                .sorted(Comparator.comparing(Approval::approvedAt).reversed().thenComparing(Approval::clientId))
                .toList());
    }

    /** Forgets the person's approval for the client at once; true when there was one. */
    public Future<Boolean> revoke(String personKey, String clientId) {
        return store.delete(personKey, clientId);
    }

    /** The unexpired approval for the client, if any. */
    public Future<Optional<Approval>> find(String personKey, String clientId) {
        Instant now = clock.instant();
        return store.find(personKey, clientId).map(found -> found.filter(a -> !a.isExpired(now)));
    }
}
