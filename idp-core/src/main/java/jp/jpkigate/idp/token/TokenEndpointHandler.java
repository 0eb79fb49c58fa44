package jp.jpkigate.idp.token;

import io.vertx.core.Future;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.idp.client.ClientAuthenticator;
import jp.jpkigate.idp.client.ClientCredentials;
import jp.jpkigate.idp.client.RegisteredClient;
import jp.jpkigate.idp.dpop.DpopBinding;
import jp.jpkigate.idp.dpop.JwkThumbprint;
import jp.jpkigate.idp.limit.ClientRateLimit;
import jp.jpkigate.idp.mtls.CertificateBinding;
import jp.jpkigate.idp.mtls.CertificateThumbprint;
import jp.jpkigate.idp.mtls.ClientCertificate;
import jp.jpkigate.idp.oauth.FormParameters;
import jp.jpkigate.idp.oauth.OAuthError;
import jp.jpkigate.idp.oauth.OAuthException;

/**
 * The token endpoint's processing (RFC 6749 §3.2), without HTTP types: {@code grant_type} picks a
 * {@link GrantHandler} (missing → {@code invalid_request}, none → {@code unsupported_grant_type}),
 * the client authenticates (RFC 6749 §3.2.1, with the request's client certificate for mutual TLS;
 * failures → {@code invalid_client}), its rate limit admits it ({@link ClientRateLimit}, else 429),
 * the handler may refuse the client ({@code unauthorized_client}),
 * then the request's sender constraint: a client registered for DPoP-bound access tokens must have
 * sent a proof (RFC 9449 §5.2, {@link DpopBinding}); one registered for certificate-bound access tokens
 * must have presented a certificate (RFC 8705 §3, {@link CertificateBinding}) and may not send a DPoP
 * proof, since one access token is bound to one thing ({@code invalid_request}). Then the handler
 * handles the request.
 */
public final class TokenEndpointHandler {
    private final ClientAuthenticator authenticator;
    private final List<GrantHandler> handlers;
    private final ClientRateLimit limit;

    public TokenEndpointHandler(ClientAuthenticator authenticator, List<GrantHandler> handlers) {
        this(authenticator, handlers, ClientRateLimit.NONE);
    }

    /** With a per-client rate limit, counted once the client has authenticated. */
    public TokenEndpointHandler(ClientAuthenticator authenticator, List<GrantHandler> handlers, ClientRateLimit limit) {
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
        this.handlers = List.copyOf(handlers);
        this.limit = Objects.requireNonNull(limit, "limit");
    }

    public Future<TokenResponse> handle(FormParameters form, Optional<String> authorization) {
        return handle(form, authorization, Optional.empty(), Optional.empty());
    }

    /** With the key of the request's verified DPoP proof and the client certificate of its mutual-TLS connection, if any. */
    public Future<TokenResponse> handle(FormParameters form, Optional<String> authorization, Optional<JwkThumbprint> dpopKey,
                                        Optional<ClientCertificate> certificate) {
        try {
            String grantType = form.get("grant_type").orElseThrow(
                    () -> OAuthError.INVALID_REQUEST.withDescription("grant_type missing").toException());
            GrantHandler handler = handlers.stream().filter(h -> h.canHandle(grantType)).findFirst().orElseThrow(
                    () -> OAuthError.UNSUPPORTED_GRANT_TYPE.withDescription("grant_type not supported").toException());
            ClientCredentials credentials = ClientCredentials.parse(form, authorization, certificate);
            return authenticator.authenticate(credentials).compose(limit::admit).compose(client -> {
                if (!handler.allows(client)) {
                    return Future.failedFuture(OAuthError.UNAUTHORIZED_CLIENT
                            .withDescription("the client may not use this grant_type").toException());
                }
                try {
                    return handler.handle(client, form, senderConstraint(client, dpopKey, certificate));
                } catch (OAuthException e) {
                    return Future.failedFuture(e);
                }
            });
        } catch (OAuthException e) {
            return Future.failedFuture(e);
        }
    }

    private static SenderConstraint senderConstraint(RegisteredClient client, Optional<JwkThumbprint> dpopKey,
                                                     Optional<ClientCertificate> certificate) throws OAuthException {
        DpopBinding.requireProof(client.dpopBoundAccessTokens(), dpopKey);
        Optional<CertificateThumbprint> bound = CertificateBinding.forAccessToken(
                client.mtls().certificateBoundAccessTokens(), certificate);
        if (bound.isPresent() && dpopKey.isPresent()) {
            throw OAuthError.INVALID_REQUEST.withDescription(
                    "this client's access tokens are bound to its certificate: do not send a DPoP proof").toException();
        }
        return new SenderConstraint(dpopKey, bound);
    }
}
