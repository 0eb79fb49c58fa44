package jp.jpkigate.idp.login;

import io.vertx.core.Future;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Optional;
import jp.jpkigate.idp.authorize.AuthorizationRedirect;
import jp.jpkigate.idp.authorize.CodeGrant;
import jp.jpkigate.idp.oauth.OAuthError;
import jp.jpkigate.idp.par.AuthorizationRequest;
import jp.jpkigate.idp.store.AuthorizationCodeStore;
import jp.jpkigate.idp.store.LoginTransactionStore;
import jp.jpkigate.idp.token.GrantIds;

/**
 * What the login steps share: finding a transaction for the browser that opened it, moving it by
 * compare-and-set (each edge once), and the answers to the client — a fresh code or an error, as
 * the redirect URI with {@code state} and {@code iss}.
 */
final class LoginTransitions {
    private final String issuer;
    private final LoginTransactionStore transactions;
    private final AuthorizationCodeStore codes;
    private final SecureRandom random;
    private final SessionBinding sessions;

    LoginTransitions(String issuer, LoginTransactionStore transactions, AuthorizationCodeStore codes, SecureRandom random,
                     SessionBinding sessions) {
        this.issuer = issuer;
        this.transactions = transactions;
        this.codes = codes;
        this.random = random;
        this.sessions = sessions;
    }

    String issuer() {
        return issuer;
    }

    LoginTransactionStore transactions() {
        return transactions;
    }

    /** Moves {@code txn} from its state to {@code next}, or fails: someone else moved it first. */
    Future<Void> move(LoginTransaction txn, LoginTransaction next) {
        return transactions.compareAndSet(txn.state(), next).compose(set -> set
                ? Future.<Void>succeededFuture()
                : Future.failedFuture(LoginProblem.ALREADY_COMPLETED.toException()));
    }

    /** Ends {@code txn} (CONSUMED) and answers the client with {@code answer}. */
    Future<URI> close(LoginTransaction txn, URI answer) {
        return move(txn, txn.consumed()).map(v -> answer);
    }

    /**
     * A 60 s single-use code for the transaction's signer, as the redirect to the client. A login of
     * a single sign-on session first joins the client to it (the code carries the client's
     * {@code sid}); when that session has ended meanwhile (logged out in another tab) the client
     * gets {@code access_denied} instead.
     */
    Future<URI> issueCode(LoginTransaction txn, Instant now) {
        AuthorizationRequest request = txn.request();
        String code = LoginTransactionId.generate(random);
        if (txn.session().isEmpty()) {
            return putCode(txn, code, Optional.empty(), now);
        }
        return sessions.join(txn.session().get(), request.clientId(), GrantIds.ofCode(code), request.scopes())
                .compose(sid -> sid.isPresent() ? putCode(txn, code, sid, now)
                        : Future.succeededFuture(deny(request, "the single sign-on session ended before the login completed")));
    }

    private Future<URI> putCode(LoginTransaction txn, String code, Optional<String> sid, Instant now) {
        AuthorizationRequest request = txn.request();
        SignerIdentity signer = txn.signer().orElseThrow();
        CodeGrant grant = new CodeGrant(request.clientId(), request.redirectUri(), request.scopes(), request.nonce(),
                request.codeChallenge(), signer.authTime(), signer.acr(), signer.amr(), signer, request.claims(), now)
                .withDpopJkt(request.dpopJkt()).withSid(sid);
        return codes.put(code, grant, LoginHandler.CODE_LIFETIME)
                .map(v -> AuthorizationRedirect.success(request.redirectUri(), code, request.state(), issuer));
    }

    /** {@code access_denied} to the client. */
    URI deny(AuthorizationRequest request, String description) {
        return refuse(request, OAuthError.ACCESS_DENIED.withDescription(description));
    }

    URI refuse(AuthorizationRequest request, OAuthError error) {
        return AuthorizationRedirect.error(request.redirectUri(), error, request.state(), issuer);
    }

    /** The transaction, if the browser's cookie secret is the one it was opened with. */
    Future<LoginTransaction> bound(String id, Optional<String> browserSecret) {
        return find(id).compose(txn -> browserSecret.isPresent()
                && MessageDigest.isEqual(LoginHandler.browserBinding(browserSecret.get()).getBytes(StandardCharsets.US_ASCII),
                        txn.browserBinding().getBytes(StandardCharsets.US_ASCII))
                ? Future.succeededFuture(txn)
                : Future.failedFuture(LoginProblem.NOT_THIS_BROWSER.toException()));
    }

    Future<LoginTransaction> find(String id) {
        if (LoginTransactionId.parse(id).isEmpty()) {
            return Future.failedFuture(LoginProblem.UNKNOWN_TRANSACTION.toException());
        }
        return transactions.get(id).compose(found -> found.isPresent()
                ? Future.succeededFuture(found.get())
                : Future.failedFuture(LoginProblem.UNKNOWN_TRANSACTION.toException()));
    }
}
