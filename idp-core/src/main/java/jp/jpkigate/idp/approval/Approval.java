package jp.jpkigate.idp.approval;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A person's remembered consent to share with one client: what was granted and when. Immutable; a
 * new consent for more is a widened copy ({@link #widenedBy}).
 *
 * @param clientId   the client the person approved
 * @param granted    the scopes and claim names approved (the union of every approval still remembered)
 * @param approvedAt when the person last approved
 * @param expiresAt  after this instant the approval no longer counts and the person is asked again
 */
public record Approval(String clientId, RequestedSharing granted, Instant approvedAt, Instant expiresAt) {
    public Approval {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(granted, "granted");
        Objects.requireNonNull(approvedAt, "approvedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** A first approval of {@code sharing}, valid for {@code lifetime} from {@code now}. */
    public static Approval of(String clientId, RequestedSharing sharing, Instant now, Duration lifetime) {
        return new Approval(clientId, sharing, now, now.plus(lifetime));
    }

    /** True from {@code expiresAt} on. */
    public boolean isExpired(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /** Whether this approval, unexpired at {@code now}, covers everything {@code sharing} asks. */
    public boolean covers(RequestedSharing sharing, Instant now) {
        return !isExpired(now) && sharing.isWithin(granted);
    }

    /** This approval together with a new one of {@code sharing} at {@code now}, valid for {@code lifetime} again. */
    public Approval widenedBy(RequestedSharing sharing, Instant now, Duration lifetime) {
        return new Approval(clientId, granted.union(sharing), now, now.plus(lifetime));
    }
}
