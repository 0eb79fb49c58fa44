package jp.jpkigate.consent.invite;

import io.vertx.core.Future;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.consent.ConsentAuditTrail;
import jp.jpkigate.consent.invitation.Invitation;
import jp.jpkigate.consent.invitation.InvitationLinks;
import jp.jpkigate.consent.store.InvitationStore;

/**
 * Creates a business's invitations, one per customer line, idempotently: a line whose customer's newest
 * invitation asks the same (client, customer, items, purpose), is unused and unexpired answers that
 * invitation ({@code existing}), so a business whose call died mid-way simply sends it again. Every new
 * batch is audited first (its count: write-ahead, so an interrupted batch never leaves a stored invitation
 * unaudited) and every new invitation durably stored ({@link InvitationStore#saveAll}) before the future
 * completes: what is answered is never lost. Two identical calls racing each other may both
 * create invitations for a customer; the later one becomes the customer's newest, both remain usable.
 */
public final class Inviter {
    /** One answered line, in the request's order. */
    public record Issued(Invitation invitation, boolean existing) {
    }

    private final InvitationStore store;
    private final ConsentAuditTrail audit;
    private final InvitationPolicy policy;
    private final Clock clock;
    private final SecureRandom random;

    public Inviter(InvitationStore store, ConsentAuditTrail audit, InvitationPolicy policy, Clock clock, SecureRandom random) {
        this.store = Objects.requireNonNull(store, "store");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    public Future<List<Issued>> invite(String clientId, InvitationRequest request) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        return store.latestOfEach(clientId, request.customerNumbers()).compose(latest -> {
            List<Issued> answer = new ArrayList<>(latest.size());
            List<Invitation> fresh = new ArrayList<>();
            for (int i = 0; i < latest.size(); i++) {
                Optional<Invitation> reusable = latest.get(i)
                        .filter(l -> !l.used() && !l.invitation().isExpired(now) && asks(l.invitation(), clientId, request))
                        .map(InvitationStore.Latest::invitation);
                if (reusable.isPresent()) {
                    answer.add(new Issued(reusable.get(), true));
                } else {
                    Invitation created = new Invitation(InvitationLinks.newId(random), clientId,
                            request.customerNumbers().get(i), request.items(), request.purpose(), now,
                            now.plus(request.lifetime()));
                    fresh.add(created);
                    answer.add(new Issued(created, false));
                }
            }
            // Write-ahead: the batch is audited before its invitations are stored, so a crash mid-batch leaves
            // no stored invitation unaudited (the re-sent batch audits the lines it then creates).
            Future<Void> audited = fresh.isEmpty() ? Future.succeededFuture()
                    : audit.invited(clientId, fresh.get(0).id(), fresh.size());
            return audited.compose(v -> store.saveAll(fresh, policy.retention())).map(v -> answer);
        });
    }

    private static boolean asks(Invitation stored, String clientId, InvitationRequest request) {
        return stored.clientId().equals(clientId) && stored.items().equals(request.items())
                && stored.purpose().equals(request.purpose());
    }
}
