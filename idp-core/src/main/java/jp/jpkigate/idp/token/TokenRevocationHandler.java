package jp.jpkigate.idp.token;

import io.vertx.core.Future;
import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.idp.client.ClientAuthenticator;
import jp.jpkigate.idp.client.RegisteredClient;
import jp.jpkigate.idp.mtls.ClientCertificate;
import jp.jpkigate.idp.oauth.FormParameters;

/**
 * RFC 7009 token revocation, without HTTP types. The client authenticates as at the token endpoint
 * ({@link AuthenticatedTokenRequest}: {@code invalid_client}, then {@code token} missing →
 * {@code invalid_request}), then the token is looked up ({@link TokenLookup}) and, when it was issued to
 * this client, its grant is revoked with {@link GrantRevoker}: for a refresh token (the current one
 * or one rotated away) the family and every access token of the grant; for an access token
 * (RFC 7009 §2.1: "MAY revoke the respective refresh token as well") the same grant, named by its
 * {@code gid}.
 *
 * <p>Success either way (RFC 7009 §2.2): an unknown, expired, revoked or malformed token, and also
 * another client's token, is answered like a revoked one and nothing changes. RFC 7009 §2.1 would
 * refuse another client's token with an error; answering alike tells a client nothing about tokens
 * it does not own, and the owner's tokens keep working.
 */
public final class TokenRevocationHandler {
    private final ClientAuthenticator authenticator;
    private final TokenLookup tokens;
    private final GrantRevoker revoker;

    public TokenRevocationHandler(ClientAuthenticator authenticator, TokenLookup tokens, GrantRevoker revoker) {
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.revoker = Objects.requireNonNull(revoker, "revoker");
    }

    /** Completes when done (or when there was nothing this client may revoke); fails with an {@code OAuthException}. */
    public Future<Void> handle(FormParameters form, Optional<String> authorization,
                               Optional<ClientCertificate> certificate) {
        return AuthenticatedTokenRequest.read(authenticator, form, authorization, certificate)
                .compose(request -> tokens.find(request.token().token()).compose(found -> revoke(request.client(), found)));
    }

    private Future<Void> revoke(RegisteredClient client, TokenLookup.Found found) {
        if (found instanceof TokenLookup.Found.RefreshToken refresh
                && refresh.family().grant().clientId().equals(client.clientId())) {
            return revoker.revoke(refresh.familyId());
        }
        if (found instanceof TokenLookup.Found.AccessToken access && client.clientId().equals(access.token().clientId())) {
            return revoker.revoke(access.token().grantId());
        }
        return Future.succeededFuture();
    }
}
