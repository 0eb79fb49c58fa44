package jp.jpkigate.idp.token;

import io.vertx.core.Future;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.idp.client.RegisteredClient;
import jp.jpkigate.idp.dpop.DpopBinding;
import jp.jpkigate.idp.oauth.FormParameters;
import jp.jpkigate.idp.oauth.OAuthError;
import jp.jpkigate.idp.oauth.OAuthException;
import jp.jpkigate.idp.store.ApprovalWithdrawalStore;
import jp.jpkigate.idp.store.RefreshTokenStore;
import jp.jpkigate.idp.store.RefreshTokenStore.Rotation;

/**
 * {@code grant_type=refresh_token} (RFC 6749 §6) with rotation (RFC 9700 §4.14.2): every use
 * returns a new refresh token and retires the presented one; presenting a retired one again
 * revokes the whole grant, the family and its access tokens (the legitimate client and an attacker
 * both lose it) → {@code invalid_grant}. Another client's token, an unknown or expired one →
 * {@code invalid_grant}. An optional {@code scope} may narrow the grant (RFC 6749 §6); a scope the
 * grant lacks → {@code invalid_scope}, and the presented token stays valid (the store checks before
 * it rotates). The new ID token
 * (OIDC Core §12.2) keeps {@code sub}, {@code auth_time}, {@code acr}, has no {@code nonce} and no
 * identity claims: the 4 information reach only the tokens of the code's redemption. A family whose
 * login came at or before the person's withdrawal of the client's approval (on the account page,
 * {@link ApprovalWithdrawalStore}) is revoked → {@code invalid_grant}.
 *
 * <p>The new access token is bound like the code's: to the key of the request's DPoP proof, if any
 * (RFC 9449 §5.2), or, for a client registered for certificate-bound tokens, to the certificate it
 * presents now over mutual TLS — possibly a renewed one (RFC 8705 §6.3). A family bound to a DPoP key
 * (public clients) needs a proof by that key: none → {@code invalid_dpop_proof}, another key →
 * {@code invalid_grant}, and the family is revoked (its token was presented without its key).
 * Confidential clients' families are bound to client authentication (mutual TLS itself for the mTLS
 * methods, RFC 8705 §7.1) and may move to a new DPoP key or certificate.
 */
public final class RefreshTokenGrantHandler implements GrantHandler {
    public static final String GRANT_TYPE = "refresh_token";

    private final RefreshTokenStore store;
    private final RefreshTokens tokenFormat;
    private final TokenIssuer issuer;
    private final GrantRevoker revoker;
    private final ApprovalWithdrawalStore withdrawals;

    public RefreshTokenGrantHandler(RefreshTokenStore store, RefreshTokens tokenFormat, TokenIssuer issuer,
                                    GrantRevoker revoker, ApprovalWithdrawalStore withdrawals) {
        this.store = Objects.requireNonNull(store, "store");
        this.tokenFormat = Objects.requireNonNull(tokenFormat, "tokenFormat");
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.revoker = Objects.requireNonNull(revoker, "revoker");
        this.withdrawals = Objects.requireNonNull(withdrawals, "withdrawals");
    }

    @Override
    public boolean canHandle(String grantType) {
        return GRANT_TYPE.equals(grantType);
    }

    @Override
    public Future<TokenResponse> handle(RegisteredClient client, FormParameters form, SenderConstraint sender) {
        String presented;
        List<String> requested;
        try {
            presented = AuthorizationCodeGrantHandler.required(form, "refresh_token");
            requested = form.get("scope").map(s -> Arrays.asList(s.split(" "))).orElse(List.of());
            if (requested.stream().anyMatch(String::isEmpty)) {
                throw OAuthError.INVALID_SCOPE.withDescription("malformed scope").toException();
            }
        } catch (OAuthException e) {
            return Future.failedFuture(e);
        }
        Optional<String> family = RefreshTokens.familyOf(presented);
        if (family.isEmpty()) {
            return AuthorizationCodeGrantHandler.invalidGrant("unknown refresh token");
        }
        String next = tokenFormat.newToken(family.get());
        List<String> narrowed = requested.stream().distinct().toList();
        return store.rotate(family.get(), client.clientId(), presented, next, narrowed).compose(outcome -> {
            if (outcome instanceof Rotation.Rotated rotated) {
                try {
                    DpopBinding.checkBound("refresh token", rotated.grant().dpopJkt(), sender.dpopKey());
                } catch (OAuthException e) {
                    // The presented token is already rotated away: the family could not go on anyway.
                    return store.revoke(family.get()).compose(v -> Future.failedFuture(e));
                }
                TokenGrant grant = narrowed.isEmpty() ? rotated.grant() : rotated.grant().withScopes(narrowed);
                return unlessWithdrawn(family.get(), grant).compose(live -> live
                        ? issuer.issue(grant, Optional.empty(), IdentityClaims.Release.NONE, next, sender)
                        : AuthorizationCodeGrantHandler.invalidGrant("the person withdrew the approval for this client"));
            }
            if (outcome instanceof Rotation.ScopeExceeded) {
                return Future.failedFuture(OAuthError.INVALID_SCOPE
                        .withDescription("scope exceeds the original grant").toException());
            }
            if (outcome instanceof Rotation.Reused) {
                return revoker.revoke(family.get()).compose(v ->
                        AuthorizationCodeGrantHandler.invalidGrant("refresh token reused; the grant is revoked"));
            }
            if (outcome instanceof Rotation.WrongClient) {
                return AuthorizationCodeGrantHandler.invalidGrant("the refresh token was issued to another client");
            }
            return AuthorizationCodeGrantHandler.invalidGrant("unknown, expired or revoked refresh token");
        });
    }

    /** False (and the grant revoked) when the person withdrew the client's approval after this family's login. */
    private Future<Boolean> unlessWithdrawn(String family, TokenGrant grant) {
        return withdrawals.revokedAt(grant.clientId(), grant.subject()).compose(withdrawn -> {
            if (withdrawn.isEmpty() || grant.authTime().isAfter(withdrawn.get())) {
                return Future.succeededFuture(true);
            }
            return revoker.revoke(family).map(v -> false);
        });
    }
}
