package jp.jpkigate.idp.token;

import io.vertx.core.Future;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import jp.jpkigate.idp.client.ApiScopes;
import jp.jpkigate.idp.client.GrantTypes;
import jp.jpkigate.idp.client.RegisteredClient;
import jp.jpkigate.idp.client.ScopeSyntax;
import jp.jpkigate.idp.oauth.FormParameters;
import jp.jpkigate.idp.oauth.OAuthError;
import jp.jpkigate.idp.oauth.OAuthException;

/**
 * {@code grant_type=client_credentials} (RFC 6749 §4.4) for relying parties' back ends calling the
 * OP's APIs. Only a client registered with {@code client_credentials} in its {@code grant_types}
 * may use it (otherwise {@code unauthorized_client}); every registered client authenticates
 * (RFC 6749 §4.4: confidential clients only), which the token endpoint has checked before.
 *
 * <p>{@code scope} (RFC 6749 §4.4.2, §3.3) may name only API scopes ({@link ApiScopes}) the client is
 * registered for: a person's scope ({@code openid}, {@code name} ...) or any other is
 * {@code invalid_scope}, since no person is involved. Without {@code scope}, the client's
 * registered API scopes are granted. The answer (RFC 6749 §4.4.3) is an access token only: no
 * refresh token, no ID token. As with the code grant, a request with a DPoP proof gets a DPoP-bound
 * access token ({@code cnf.jkt}, {@code token_type} DPoP; RFC 9449 §5), and a client registered with
 * {@code dpop_bound_access_tokens} must send one; a client registered with
 * {@code tls_client_certificate_bound_access_tokens} gets a token bound to its certificate
 * ({@code cnf.x5t#S256}, RFC 8705 §3) instead — both checked by the token endpoint before.
 */
public final class ClientCredentialsGrantHandler implements GrantHandler {
    private final ClientAccessTokenMinter minter;

    public ClientCredentialsGrantHandler(ClientAccessTokenMinter minter) {
        this.minter = Objects.requireNonNull(minter, "minter");
    }

    @Override
    public boolean canHandle(String grantType) {
        return GrantTypes.CLIENT_CREDENTIALS.equals(grantType);
    }

    @Override
    public boolean allows(RegisteredClient client) {
        return client.grantTypes().contains(GrantTypes.CLIENT_CREDENTIALS);
    }

    @Override
    public Future<TokenResponse> handle(RegisteredClient client, FormParameters form, SenderConstraint sender) {
        List<String> scopes;
        try {
            scopes = scopes(client, form);
        } catch (OAuthException e) {
            return Future.failedFuture(e);
        }
        TokenMinter.AccessToken access = minter.mint(client.clientId(), scopes, sender.confirmation());
        return Future.succeededFuture(TokenResponse.accessTokenOnly(access.value(), access.expiresIn(), String.join(" ", scopes),
                sender.tokenType()));
    }

    private static List<String> scopes(RegisteredClient client, FormParameters form) throws OAuthException {
        if (form.get("scope").isEmpty()) {
            List<String> registered = ApiScopes.ALL.stream().filter(client.scopes()::contains).toList();
            if (registered.isEmpty()) {
                throw OAuthError.INVALID_SCOPE.withDescription("the client is registered for no API scope").toException();
            }
            return registered;
        }
        Set<String> requested = new LinkedHashSet<>();
        for (String token : form.get("scope").get().split(" ", -1)) {
            if (!ScopeSyntax.isScopeToken(token)) {
                throw OAuthError.INVALID_SCOPE.withDescription("scope is not space-separated scope tokens").toException();
            }
            if (!ApiScopes.isApiScope(token)) {
                throw OAuthError.INVALID_SCOPE.withDescription("only API scopes " + ApiScopes.ALL
                        + " may be requested with client_credentials; not " + token).toException();
            }
            if (!client.scopes().contains(token)) {
                throw OAuthError.INVALID_SCOPE.withDescription("scope not allowed for this client: " + token).toException();
            }
            requested.add(token);
        }
        return List.copyOf(requested);
    }
}
