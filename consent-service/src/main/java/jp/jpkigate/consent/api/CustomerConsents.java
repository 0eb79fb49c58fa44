package jp.jpkigate.consent.api;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.consent.invitation.Invitation;
import jp.jpkigate.consent.record.BusinessStatus;
import jp.jpkigate.consent.record.ConsentRecord;
import jp.jpkigate.consent.record.Registration;
import jp.jpkigate.consent.record.Withdrawal;
import jp.jpkigate.consent.store.ConsentStore;
import jp.jpkigate.consent.store.InvitationStore;

/**
 * A business's view of one customer ({@link CustomerConsent}): the consent signed through any of its
 * invitations while it is in force (pending while J-LIS has not recorded it, then active); otherwise a
 * newer invitation still open (pending) — a re-invitation after a withdrawal or expiry; otherwise the
 * ended consent (withdrawn, expired); otherwise the newest invitation (pending, or expired when it ran out
 * unused). Empty when the business never invited this customer (or the invitation's retention ended).
 */
public final class CustomerConsents {
    private final InvitationStore invitations;
    private final ConsentStore consents;
    private final Clock clock;

    public CustomerConsents(InvitationStore invitations, ConsentStore consents, Clock clock) {
        this.invitations = Objects.requireNonNull(invitations, "invitations");
        this.consents = Objects.requireNonNull(consents, "consents");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Future<Optional<CustomerConsent>> find(String clientId, String customerNumber) {
        Instant now = clock.instant();
        Future<Optional<ConsentRecord>> consent = consents.consentFor(clientId, customerNumber)
                .compose(id -> id.isEmpty() ? Future.succeededFuture(Optional.empty()) : consents.find(id.get()));
        Future<Optional<Invitation>> invitation = invitations.latestFor(clientId, customerNumber)
                .compose(id -> id.isEmpty() ? Future.succeededFuture(Optional.empty()) : invitations.find(id.get()));
        return Future.all(consent, invitation).map(v -> {
            Optional<ConsentRecord> signed = consent.result().filter(c -> c.clientId().equals(clientId));
            Optional<Invitation> latest = invitation.result().filter(i -> i.clientId().equals(clientId));
            if (signed.isPresent() && signed.get().isInForce(now)) {
                return Optional.of(of(signed.get(), now));
            }
            boolean newerOpen = latest.isPresent() && !latest.get().isExpired(now)
                    && (signed.isEmpty() || !signed.get().id().equals(latest.get().id()));
            if (newerOpen || signed.isEmpty()) {
                return latest.map(i -> of(i, now));
            }
            return Optional.of(of(signed.get(), now));
        });
    }

    private static CustomerConsent of(ConsentRecord c, Instant now) {
        return new CustomerConsent(c.customerNumber(), BusinessStatus.of(c, now), Optional.of(c.id()), Optional.of(c.id()),
                c.items(), c.purpose(), Optional.of(c.signedAt()), c.registration().map(Registration::validUntil),
                c.withdrawal().map(Withdrawal::at));
    }

    private static CustomerConsent of(Invitation i, Instant now) {
        return new CustomerConsent(i.customerNumber(), BusinessStatus.of(i, Optional.empty(), now), Optional.empty(),
                Optional.of(i.id()), i.items(), i.purpose(), Optional.empty(), Optional.empty(), Optional.empty());
    }
}
