package jp.jpkigate.idp.token;

import io.vertx.core.Future;
import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.idp.client.ClientAuthenticator;
import jp.jpkigate.idp.client.ClientCredentials;
import jp.jpkigate.idp.client.RegisteredClient;
import jp.jpkigate.idp.mtls.ClientCertificate;
import jp.jpkigate.idp.oauth.FormParameters;
import jp.jpkigate.idp.oauth.OAuthException;

/**
 * An introspection (RFC 7662 §2.1) or revocation (RFC 7009 §2.1) request once its client has
 * authenticated as at the token endpoint (mutual TLS too, RFC 8705 §2): the client first (no or bad credentials →
 * {@code invalid_client}, whatever else the request lacks), then the {@link PresentedToken}.
 */
public record AuthenticatedTokenRequest(RegisteredClient client, PresentedToken token) {
    public AuthenticatedTokenRequest {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(token, "token");
    }

    /** Fails with an {@code OAuthException}: {@code invalid_client}, or {@code invalid_request}. */
    public static Future<AuthenticatedTokenRequest> read(ClientAuthenticator authenticator, FormParameters form,
                                                         Optional<String> authorization,
                                                         Optional<ClientCertificate> certificate) {
        try {
            ClientCredentials credentials = ClientCredentials.parse(form, authorization, certificate);
            return authenticator.authenticate(credentials).compose(client -> {
                try {
                    return Future.succeededFuture(new AuthenticatedTokenRequest(client, PresentedToken.parse(form)));
                } catch (OAuthException e) {
                    return Future.failedFuture(e);
                }
            });
        } catch (OAuthException e) {
            return Future.failedFuture(e);
        }
    }
}
