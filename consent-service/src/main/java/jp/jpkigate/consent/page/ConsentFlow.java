package jp.jpkigate.consent.page;

import io.vertx.core.Future;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.consent.ItemDigester;
import jp.jpkigate.consent.invitation.Invitation;
import jp.jpkigate.consent.record.BusinessStatus;
import jp.jpkigate.consent.record.ConsentEvidence;
import jp.jpkigate.consent.record.ConsentRecord;
import jp.jpkigate.consent.record.ConsentState;
import jp.jpkigate.consent.signing.ConsentAudit;
import jp.jpkigate.consent.signing.ConsentProblem;
import jp.jpkigate.consent.signing.DocumentPurpose;
import jp.jpkigate.consent.signing.DocumentSigning;
import jp.jpkigate.consent.signing.SignedBy;
import jp.jpkigate.consent.signing.SigningTransaction;
import jp.jpkigate.consent.statement.ConsentStatement;
import jp.jpkigate.consent.store.ConsentChangeLog;
import jp.jpkigate.consent.store.ConsentStore;
import jp.jpkigate.consent.store.InvitationStore;
import jp.jpkigate.idp.approval.FourInformationItem;
import jp.jpkigate.idp.client.ApiScopes;
import jp.jpkigate.idp.client.ClientRegistry;
import jp.jpkigate.idp.client.RegisteredClient;
import jp.jpkigate.idp.jpki.FourInformationParser;
import jp.jpkigate.idp.jpki.JpkiVerificationException;
import jp.jpkigate.idp.subject.PersonKeyResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A person's consent through an invitation, with no HTTP types: review it, open its signing, and once
 * the card has signed record the consent — stored (using the invitation, once), indexed for the
 * person (one consent per business: a previous one becomes REPLACED) with the keyed digests of its items'
 * values read from the verified certificate ({@link ItemDigester}), in the business's change log,
 * audited, then registered with J-LIS. Refusals are {@code ConsentException}s.
 */
public final class ConsentFlow {
    private static final Logger LOG = LoggerFactory.getLogger(ConsentFlow.class);
    private final ConsentServices services;
    private final String issuer;
    private final ClientRegistry clients;
    private final InvitationStore invitations;
    private final ConsentStore consents;
    private final ConsentChangeLog changes;
    private final PersonKeyResolver persons;
    private final DocumentSigning signing;
    private final ConsentAudit audit;
    private final Clock clock;
    private final Optional<ItemDigester> digester;

    /** @param digester the keyed digests of the consented items stored with a new consent (the feed compares them); none without */
    public ConsentFlow(ClientRegistry clients, InvitationStore invitations, ConsentServices services,
                       Optional<ItemDigester> digester) {
        this.services = Objects.requireNonNull(services, "services");
        this.clients = Objects.requireNonNull(clients, "clients");
        this.invitations = Objects.requireNonNull(invitations, "invitations");
        this.issuer = services.issuer();
        this.consents = services.consents();
        this.changes = services.changes();
        this.persons = services.persons();
        this.signing = services.signing();
        this.audit = services.audit();
        this.clock = services.clock();
        this.digester = Objects.requireNonNull(digester, "digester");
    }

    /** What recording takes (the dashboard records withdrawals with the same). */
    public ConsentServices services() {
        return services;
    }

    /** An invitation to show: the invitation and its business's name. */
    public record Review(Invitation invitation, String businessName) {
    }

    /** A recorded consent to show: as it stands, its business's name, and whether it was there before this signature. */
    public record Finished(ConsentRecord consent, String businessName, boolean already) {
    }

    /** The business's display name (its client id when it has none). */
    public String businessName(String clientId) {
        return clients.find(clientId).flatMap(RegisteredClient::clientName).orElse(clientId);
    }

    /** The businesses that invite: registered clients allowed the consent API's {@code consent:write}, by name. */
    public List<RegisteredClient> invitingBusinesses() {
        return clients.all().stream().filter(c -> c.scopes().contains(ApiScopes.CONSENT_WRITE))
                .sorted(Comparator.comparing((RegisteredClient c) -> c.clientName().orElse(c.clientId()))).toList();
    }

    /** A stored, unexpired, unused invitation. */
    public Future<Review> review(String invitationId) {
        return invitations.find(invitationId).compose(found -> {
            if (found.isEmpty()) {
                return refused(ConsentProblem.UNKNOWN_INVITATION);
            }
            Invitation invitation = found.get();
            if (invitation.isExpired(clock.instant())) {
                return refused(ConsentProblem.EXPIRED_INVITATION);
            }
            return consents.find(invitation.id()).compose(used -> used.isPresent()
                    ? refused(ConsentProblem.INVITATION_USED)
                    : Future.succeededFuture(new Review(invitation, businessName(invitation.clientId()))));
        });
    }

    /** The id of the business's latest invitation for the customer; {@link ConsentProblem#NO_INVITATION} without one. */
    public Future<String> findInvitation(String clientId, String customerNumber) {
        if (invitingBusinesses().stream().noneMatch(c -> c.clientId().equals(clientId))) {
            return refused(ConsentProblem.UNKNOWN_BUSINESS);
        }
        return invitations.latestFor(clientId, customerNumber).compose(id -> id.isPresent()
                ? Future.succeededFuture(id.get())
                : refused(ConsentProblem.NO_INVITATION));
    }

    /** A consent signing transaction for the invitation, bound to this browser's secret. */
    public Future<SigningTransaction> open(String invitationId, String browserSecret) {
        return review(invitationId).compose(review -> {
            Invitation invitation = review.invitation();
            ConsentStatement.Business business = new ConsentStatement.Business(invitation.clientId(), review.businessName());
            return signing.open(new DocumentSigning.About(DocumentPurpose.CONSENT, invitation.id(), invitation.clientId(),
                            review.businessName()),
                    (txn, now) -> ConsentStatement.consent(issuer, business, invitation, now, txn), browserSecret);
        });
    }

    /** The page's continue: records the consent this browser's card signed (once), or shows it again on a reload. */
    public Future<Finished> finish(String transactionId, Optional<String> browserSecret) {
        return signing.claim(transactionId, browserSecret, DocumentPurpose.CONSENT).compose(claimed -> {
            SigningTransaction txn = claimed.transaction();
            SignedBy by = txn.signer().orElseThrow();
            return persons.personKey(by.issuerAnchorId(), by.serial()).compose(person -> claimed.fresh()
                    ? record(txn, by, person)
                    : consents.find(txn.subject()).compose(found -> found.isPresent()
                            && Arrays.equals(found.get().evidence().statement(), txn.statement())
                            ? Future.succeededFuture(new Finished(found.get(), txn.clientName(), false))
                            : refused(ConsentProblem.ALREADY_COMPLETED)));
        });
    }

    private Future<Finished> record(SigningTransaction txn, SignedBy by, String person) {
        return invitations.find(txn.subject()).compose(found -> {
            if (found.isEmpty() || found.get().isExpired(txn.createdAt())) {
                return refused(found.isEmpty() ? ConsentProblem.UNKNOWN_INVITATION : ConsentProblem.EXPIRED_INVITATION);
            }
            ConsentEvidence evidence = by.evidence(txn.statement());
            ConsentRecord signed = ConsentRecord.signed(found.get(), person, by.revocationCheckedAt(), evidence)
                    .withItemDigests(itemDigests(by, found.get().items()));
            return consents.create(signed).compose(outcome -> {
                if (outcome instanceof ConsentStore.Created) {
                    return afterCreate(signed, txn.clientName());
                }
                if (outcome instanceof ConsentStore.AlreadyUsed used && used.existing().personKey().equals(person)) {
                    return Future.succeededFuture(new Finished(used.existing(), txn.clientName(), true));
                }
                ConsentProblem problem = outcome instanceof ConsentStore.AlreadyUsed
                        ? ConsentProblem.INVITATION_USED : ConsentProblem.UNKNOWN_INVITATION;
                return audit.refused("consent", txn.subject(), txn.clientId(), problem.code()).compose(v -> refused(problem));
            });
        });
    }

    /** The digests of the consented items as the verified signature certificate carries them; none without it. */
    private Map<FourInformationItem, String> itemDigests(SignedBy by, List<FourInformationItem> items) {
        if (by.certificate().isEmpty() || digester.isEmpty()) {
            return Map.of();
        }
        try {
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(by.certificate().get()));
            return digester.get().digests(FourInformationParser.parse(certificate), items);
        } catch (GeneralSecurityException | JpkiVerificationException e) {
            LOG.warn("no item digests for a consent: the verified certificate's 4 information cannot be read");
            return Map.of();
        }
    }

    private Future<Finished> afterCreate(ConsentRecord signed, String businessName) {
        Instant now = clock.instant();
        return consents.indexForPerson(signed.personKey(), signed.clientId(), signed.id())
                .compose(previous -> previous.isPresent() ? replace(previous.get(), 3) : Future.<Void>succeededFuture())
                .compose(v -> changes.append(signed.clientId(), new ConsentChangeLog.Change(signed.id(), signed.customerNumber(),
                        BusinessStatus.PENDING, now, Optional.empty())))
                .compose(v -> audit.signed(signed))
                // The registry link audits the registration and logs the change to active (now or at a retry).
                .compose(v -> services.registration().register(signed))
                .map(after -> new Finished(after, businessName, false));
    }

    /** The person's previous consent for the business becomes REPLACED (compare-and-set, re-read when it changed). */
    private Future<Void> replace(String previousId, int attempts) {
        return consents.find(previousId).compose(found -> {
            if (found.isEmpty() || found.get().state().isFinal()) {
                return Future.succeededFuture();
            }
            ConsentRecord previous = found.get();
            return consents.update(previous, previous.replaced()).compose(updated -> {
                if (!updated) {
                    return attempts > 1 ? replace(previousId, attempts - 1)
                            : Future.failedFuture(new IllegalStateException("the previous consent kept changing"));
                }
                return changes.append(previous.clientId(), new ConsentChangeLog.Change(previous.id(), previous.customerNumber(),
                                BusinessStatus.WITHDRAWN, clock.instant(), Optional.of("replaced")))
                        .compose(cursor -> audit.replaced(previous));
            });
        });
    }

    private static <T> Future<T> refused(ConsentProblem problem) {
        return Future.failedFuture(problem.toException());
    }
}
