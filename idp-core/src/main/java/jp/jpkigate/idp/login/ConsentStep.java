package jp.jpkigate.idp.login;

import io.vertx.core.Future;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.idp.approval.Approvals;
import jp.jpkigate.idp.approval.RequestedSharing;
import jp.jpkigate.idp.oauth.OAuthError;
import jp.jpkigate.idp.par.AuthorizationRequest;
import jp.jpkigate.idp.par.Prompt;
import jp.jpkigate.idp.subject.PersonKeyResolver;

/**
 * Consent to share with the client, between the card's signature and the code (OIDC Core §3.1.2.4):
 * asked the first time per client and per set of scopes and claims, remembered ({@link Approvals},
 * by the person's renewal-stable key), asked again for anything wider or when the client sends
 * {@code prompt=consent}. With {@code prompt=none} and nothing remembered the client gets
 * {@code consent_required} (§3.1.2.6) instead of the page.
 *
 * <p>The page's decision is a POST carrying an anti-CSRF token derived from the browser's login
 * cookie and the transaction ({@link CsrfTokens}); it is taken once (AWAITING_CONSENT → CONSUMED by
 * compare-and-set). The person has until {@link LoginHandler#CONSENT_GRACE} after the continue
 * grace to decide; later the client gets {@code access_denied}.
 */
public final class ConsentStep {
    private final LoginTransitions steps;
    private final PersonKeyResolver persons;
    private final Approvals approvals;
    private final Clock clock;

    ConsentStep(LoginTransitions steps, PersonKeyResolver persons, Approvals approvals, Clock clock) {
        this.steps = steps;
        this.persons = Objects.requireNonNull(persons, "persons");
        this.approvals = Objects.requireNonNull(approvals, "approvals");
        this.clock = clock;
    }

    /** What the consent page shows: the transaction (client name, redirect URI), what it shares, the form's token. */
    public record Page(LoginTransaction transaction, RequestedSharing sharing, String csrf, Instant decideBy) {
    }

    /** A VERIFIED transaction continues: straight to the client when an approval covers it, else to the page. */
    Future<LoginContinuation> afterVerification(LoginTransaction txn, Instant now) {
        AuthorizationRequest request = txn.request();
        RequestedSharing sharing = RequestedSharing.of(request);
        Future<Boolean> remembered = request.prompt().contains(Prompt.CONSENT)
                ? Future.succeededFuture(false)
                : personKey(txn).compose(person -> approvals.covers(person, request.clientId(), sharing));
        return remembered.compose(covered -> {
            if (covered) {
                return steps.move(txn, txn.consumed()).compose(v -> steps.issueCode(txn, now)).map(LoginContinuation.ToClient::new);
            }
            if (request.prompt().contains(Prompt.NONE)) {
                return steps.close(txn, steps.refuse(request, OAuthError.CONSENT_REQUIRED
                        .withDescription("the person has not approved sharing with this client"))).map(LoginContinuation.ToClient::new);
            }
            return steps.move(txn, txn.awaitingConsent()).map(v -> new LoginContinuation.AskConsent(txn.id()));
        });
    }

    /** An AWAITING_CONSENT transaction continues again (a reload): the page, or too late. */
    Future<LoginContinuation> resume(LoginTransaction txn, Instant now) {
        if (pastDeadline(txn, now)) {
            return steps.close(txn, steps.deny(txn.request(), "the person did not decide in time"))
                    .map(LoginContinuation.ToClient::new);
        }
        return Future.succeededFuture(new LoginContinuation.AskConsent(txn.id()));
    }

    /** The page for the browser that opened the login, while the transaction awaits the person's decision. */
    public Future<Page> page(String id, Optional<String> browserSecret) {
        return awaiting(id, browserSecret).map(txn -> new Page(txn, RequestedSharing.of(txn.request()),
                CsrfTokens.derive(browserSecret.orElseThrow(), CsrfTokens.CONSENT, txn.id()), deadline(txn)));
    }

    /**
     * Takes the person's decision, once: approve → the approval is remembered and the client gets a
     * code; deny → {@code access_denied}. Fails with a {@link LoginException} (other browser, bad
     * token, not awaiting consent, already decided) when there is no one to answer.
     */
    public Future<URI> decide(String id, Optional<String> browserSecret, ConsentForm form) {
        return steps.bound(id, browserSecret).compose(txn -> {
            if (!CsrfTokens.matches(CsrfTokens.derive(browserSecret.orElseThrow(), CsrfTokens.CONSENT, txn.id()), form.csrf())) {
                return Future.failedFuture(LoginProblem.CSRF_MISMATCH.toException());
            }
            return checkAwaiting(txn).compose(awaiting -> {
                Instant now = clock.instant();
                AuthorizationRequest request = awaiting.request();
                if (pastDeadline(awaiting, now)) {
                    return steps.close(awaiting, steps.deny(request, "the person did not decide in time"));
                }
                if (form.decision() == ConsentForm.Decision.DENY) {
                    return steps.close(awaiting, steps.deny(request, "the person declined to share with this client"));
                }
                return steps.move(awaiting, awaiting.consumed())
                        .compose(v -> personKey(awaiting))
                        .compose(person -> approvals.remember(person, request.clientId(), RequestedSharing.of(request)))
                        .compose(approval -> steps.issueCode(awaiting, now));
            });
        });
    }

    private Future<LoginTransaction> awaiting(String id, Optional<String> browserSecret) {
        return steps.bound(id, browserSecret).compose(this::checkAwaiting);
    }

    private Future<LoginTransaction> checkAwaiting(LoginTransaction txn) {
        return switch (txn.state()) {
            case AWAITING_CONSENT -> AccountLogin.isAccountLogin(txn)
                    ? Future.failedFuture(LoginProblem.UNKNOWN_TRANSACTION.toException())
                    : Future.succeededFuture(txn);
            case CONSUMED -> Future.failedFuture(LoginProblem.ALREADY_COMPLETED.toException());
            default -> Future.failedFuture(LoginProblem.NO_CONSENT_ASKED.toException());
        };
    }

    private Future<String> personKey(LoginTransaction txn) {
        SignerIdentity signer = txn.signer().orElseThrow();
        return persons.personKey(signer.issuerAnchorId(), signer.serial());
    }

    /** The last instant the person may decide. */
    static Instant deadline(LoginTransaction txn) {
        return txn.expiresAt().plus(LoginHandler.CONTINUE_GRACE).plus(LoginHandler.CONSENT_GRACE);
    }

    private static boolean pastDeadline(LoginTransaction txn, Instant now) {
        return !now.isBefore(deadline(txn));
    }
}
