package jp.jpkigate.idp.introspection;

import com.nimbusds.jwt.JWTClaimsSet;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.idp.client.ClientAuthenticator;
import jp.jpkigate.idp.mtls.ClientCertificate;
import jp.jpkigate.idp.oauth.FormParameters;
import jp.jpkigate.idp.store.ApprovalWithdrawalStore;
import jp.jpkigate.idp.store.GrantRevocations;
import jp.jpkigate.idp.token.AuthenticatedTokenRequest;
import jp.jpkigate.idp.token.TokenGrant;
import jp.jpkigate.idp.token.TokenLookup;
import jp.jpkigate.idp.token.TokenLookup.Found;

/**
 * RFC 7662 token introspection, without HTTP types. The client authenticates as at the token
 * endpoint (RFC 7662 §2.1; {@link AuthenticatedTokenRequest}: failures → {@code invalid_client},
 * no {@code token} → {@code invalid_request}), then the token is looked up ({@link TokenLookup}).
 *
 * <p>What a client may learn (RFC 7662 §2.2 "not ... intended for the protected resource", §4
 * token scanning): an access token is described to the client it was issued to
 * ({@code client_id}) and to a resource server client named in its {@code aud}; a refresh token,
 * only its family's current token, and only to the client that owns it. Everyone else, and every
 * token that is expired, revoked (its grant: a replayed code, a reused or revoked refresh token,
 * {@code /revoke}), rotated away, withdrawn on the person's account page, forged or unknown, gets
 * {@link IntrospectionResponse#inactive} alike, so the answer never tells which.
 */
public final class IntrospectionHandler {
    private final ClientAuthenticator authenticator;
    private final TokenLookup tokens;
    private final GrantRevocations revocations;
    private final ApprovalWithdrawalStore withdrawals;
    private final String issuer;
    private final Clock clock;

    public IntrospectionHandler(ClientAuthenticator authenticator, TokenLookup tokens, GrantRevocations revocations,
                                ApprovalWithdrawalStore withdrawals, String issuer, Clock clock) {
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.revocations = Objects.requireNonNull(revocations, "revocations");
        this.withdrawals = Objects.requireNonNull(withdrawals, "withdrawals");
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Future<IntrospectionResponse> handle(FormParameters form, Optional<String> authorization,
                                                Optional<ClientCertificate> certificate) {
        return AuthenticatedTokenRequest.read(authenticator, form, authorization, certificate).compose(request -> {
            String requester = request.client().clientId();
            return tokens.find(request.token().token()).compose(found -> describe(requester, found));
        });
    }

    private Future<IntrospectionResponse> describe(String requester, Found found) {
        if (found instanceof Found.AccessToken access && mayIntrospect(requester, access.claims())) {
            return Future.succeededFuture(IntrospectionResponse.ofAccessToken(requester, access.claims()));
        }
        if (found instanceof Found.RefreshToken refresh && refresh.family().current()
                && refresh.family().grant().clientId().equals(requester)) {
            return live(refresh).map(live -> live
                    ? IntrospectionResponse.ofRefreshToken(requester, issuer, refresh.family(), clock.instant())
                    : IntrospectionResponse.inactive(requester));
        }
        return Future.succeededFuture(IntrospectionResponse.inactive(requester));
    }

    /** The access token's own client, or a resource server among its audiences. */
    static boolean mayIntrospect(String requester, JWTClaimsSet claims) {
        return requester.equals(claims.getClaim("client_id"))
                || claims.getAudience() != null && claims.getAudience().contains(requester);
    }

    /**
     * Whether the refresh token's next use could succeed: its grant not marked revoked (the marker
     * goes before the family is deleted, {@code GrantRevoker}), and the person did not withdraw the
     * client's approval after the family's login (as the refresh grant checks).
     */
    private Future<Boolean> live(Found.RefreshToken refresh) {
        TokenGrant grant = refresh.family().grant();
        return revocations.isRevoked(refresh.familyId()).compose(revoked -> revoked
                ? Future.succeededFuture(false)
                : withdrawals.revokedAt(grant.clientId(), grant.subject())
                        .map(withdrawn -> withdrawn.isEmpty() || grant.authTime().isAfter(withdrawn.get())));
    }
}
