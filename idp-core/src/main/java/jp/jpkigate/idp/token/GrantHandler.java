package jp.jpkigate.idp.token;

import io.vertx.core.Future;
import jp.jpkigate.idp.client.RegisteredClient;
import jp.jpkigate.idp.oauth.FormParameters;

/**
 * One grant type of the token endpoint (RFC 6749 §4.1.3, §6, ...), the Fosite way: the endpoint
 * asks each handler in turn whether it {@link #canHandle} the {@code grant_type}, and the first
 * that can {@link #handle}s the request of an already authenticated client.
 */
public interface GrantHandler {
    /** Whether this handler serves this {@code grant_type} value. */
    boolean canHandle(String grantType);

    /** Whether this client may use the grant; otherwise {@code unauthorized_client}. */
    default boolean allows(RegisteredClient client) {
        return true;
    }

    /**
     * The token response, or a failed future with an {@code OAuthException} from the catalogue
     * ({@code invalid_request}, {@code invalid_grant}, {@code invalid_scope},
     * {@code invalid_dpop_proof}); any other failure becomes {@code server_error}.
     *
     * @param sender what the request proved possession of: the DPoP proof's key (RFC 9449; a bound code
     *               or refresh token needs it) and the client certificate of a client registered for
     *               certificate-bound tokens (RFC 8705 §3); the new access token is bound to one of them
     */
    Future<TokenResponse> handle(RegisteredClient client, FormParameters form, SenderConstraint sender);
}
