package jp.jpkigate.idp.client;

import com.nimbusds.jose.jwk.JWKSet;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import jp.jpkigate.idp.mtls.MtlsClientMetadata;

/**
 * One registered relying party, validated (see {@link ClientRegistry}). Immutable.
 *
 * @param clientId           RFC 6749 §2.2 client identifier
 * @param redirectUris       registered redirect URIs; a request must repeat one exactly (string match)
 * @param authMethod         how the client authenticates at the token and PAR endpoints
 * @param jwks               the client's inline public signature keys for {@code private_key_jwt},
 *                           {@code self_signed_tls_client_auth} and request objects (its {@code "use": "enc"}
 *                           keys are in {@link FeedMetadata#encryptionKeys()}, never here)
 * @param jwksUri            or where to fetch them (RFC 7591 §2: {@code jwks} and {@code jwks_uri}
 *                           are mutually exclusive); both empty for secret clients
 * @param sector             the pairwise-subject sector (OIDC Core §8.1): the host of the
 *                           {@code sector_identifier_uri}, the configured {@code sector_name}, or
 *                           the one host of all redirect URIs
 * @param requirePushedAuthorizationRequests RFC 9126 §6: the client must use PAR
 * @param fapi               FAPI 2.0 client: PAR required; {@code private_key_jwt} or mutual TLS, never a secret
 * @param scopes             the scopes the client may request ({@code openid} always among them)
 * @param secretSha256       SHA-256 of the client secret, for {@code client_secret_basic} only
 * @param clientName         RFC 7591 {@code client_name}, for consent pages
 * @param requireSignedRequestObject RFC 9101 §10.5: every authorization request of the client must
 *                           be a signed request object ({@code request}, directly or pushed)
 * @param dpopBoundAccessTokens RFC 9449 §5.2: the client gets DPoP-bound access tokens only (a token
 *                           request without a proof is refused, whatever the grant)
 * @param logout             RP-Initiated and Back-Channel Logout metadata ({@link LogoutMetadata})
 * @param grantTypes         RFC 7591 {@code grant_types} ({@link GrantTypes}); {@code client_credentials}
 *                           only with {@link ApiScopes}
 * @param mtls               RFC 8705: the certificate subject of a {@code tls_client_auth} client and
 *                           whether its access tokens are certificate-bound. A client's access tokens are
 *                           bound to a DPoP key or to a certificate, never both; a FAPI client's to one of them
 * @param feed               how the business receives the latest-4-information feed ({@link FeedMetadata});
 *                           {@link FeedMetadata#NONE} for clients without it
 */
public record RegisteredClient(
        String clientId,
        List<URI> redirectUris,
        TokenEndpointAuthMethod authMethod,
        Optional<JWKSet> jwks,
        Optional<URI> jwksUri,
        String sector,
        boolean requirePushedAuthorizationRequests,
        boolean fapi,
        Set<String> scopes,
        Optional<byte[]> secretSha256,
        Optional<String> clientName,
        boolean requireSignedRequestObject,
        boolean dpopBoundAccessTokens,
        LogoutMetadata logout,
        Set<String> grantTypes,
        MtlsClientMetadata mtls,
        FeedMetadata feed) {

    public RegisteredClient {
        Objects.requireNonNull(clientId, "clientId");
        redirectUris = List.copyOf(redirectUris);
        Objects.requireNonNull(authMethod, "authMethod");
        Objects.requireNonNull(jwks, "jwks");
        Objects.requireNonNull(jwksUri, "jwksUri");
        Objects.requireNonNull(sector, "sector");
        scopes = Set.copyOf(scopes);
        secretSha256 = secretSha256.map(byte[]::clone);
        Objects.requireNonNull(clientName, "clientName");
        Objects.requireNonNull(logout, "logout");
        grantTypes = Set.copyOf(grantTypes);
        Objects.requireNonNull(mtls, "mtls");
        Objects.requireNonNull(feed, "feed");
        if (dpopBoundAccessTokens && mtls.certificateBoundAccessTokens()) {
            throw new IllegalArgumentException("access tokens are DPoP-bound or certificate-bound, not both");
        }
    }

    /** A client without the feed. */
    public RegisteredClient(String clientId, List<URI> redirectUris, TokenEndpointAuthMethod authMethod, Optional<JWKSet> jwks,
                            Optional<URI> jwksUri, String sector, boolean requirePushedAuthorizationRequests, boolean fapi,
                            Set<String> scopes, Optional<byte[]> secretSha256, Optional<String> clientName,
                            boolean requireSignedRequestObject, boolean dpopBoundAccessTokens, LogoutMetadata logout,
                            Set<String> grantTypes, MtlsClientMetadata mtls) {
        this(clientId, redirectUris, authMethod, jwks, jwksUri, sector, requirePushedAuthorizationRequests, fapi, scopes,
                secretSha256, clientName, requireSignedRequestObject, dpopBoundAccessTokens, logout, grantTypes, mtls,
                FeedMetadata.NONE);
    }

    /** A client without mutual TLS. */
    public RegisteredClient(String clientId, List<URI> redirectUris, TokenEndpointAuthMethod authMethod, Optional<JWKSet> jwks,
                            Optional<URI> jwksUri, String sector, boolean requirePushedAuthorizationRequests, boolean fapi,
                            Set<String> scopes, Optional<byte[]> secretSha256, Optional<String> clientName,
                            boolean requireSignedRequestObject, boolean dpopBoundAccessTokens, LogoutMetadata logout,
                            Set<String> grantTypes) {
        this(clientId, redirectUris, authMethod, jwks, jwksUri, sector, requirePushedAuthorizationRequests, fapi, scopes,
                secretSha256, clientName, requireSignedRequestObject, dpopBoundAccessTokens, logout, grantTypes,
                MtlsClientMetadata.NONE);
    }

    public RegisteredClient(String clientId, List<URI> redirectUris, TokenEndpointAuthMethod authMethod, Optional<JWKSet> jwks,
                            Optional<URI> jwksUri, String sector, boolean requirePushedAuthorizationRequests, boolean fapi,
                            Set<String> scopes, Optional<byte[]> secretSha256, Optional<String> clientName,
                            boolean requireSignedRequestObject) {
        this(clientId, redirectUris, authMethod, jwks, jwksUri, sector, requirePushedAuthorizationRequests, fapi, scopes,
                secretSha256, clientName, requireSignedRequestObject, fapi, LogoutMetadata.NONE, GrantTypes.DEFAULT);
    }

    /**
     * A client without logout metadata that needs no signed request objects, whose access tokens are
     * DPoP-bound exactly when it is FAPI, with the default grant types.
     */
    public RegisteredClient(String clientId, List<URI> redirectUris, TokenEndpointAuthMethod authMethod, Optional<JWKSet> jwks,
                            Optional<URI> jwksUri, String sector, boolean requirePushedAuthorizationRequests, boolean fapi,
                            Set<String> scopes, Optional<byte[]> secretSha256, Optional<String> clientName) {
        this(clientId, redirectUris, authMethod, jwks, jwksUri, sector, requirePushedAuthorizationRequests, fapi, scopes,
                secretSha256, clientName, false, fapi, LogoutMetadata.NONE, GrantTypes.DEFAULT);
    }

    /** Whether {@code redirectUri} is registered, by exact string comparison (FAPI 2.0 §5.3.2.2). */
    public boolean isRegisteredRedirectUri(String redirectUri) {
        for (URI uri : redirectUris) {
            if (uri.toString().equals(redirectUri)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Optional<byte[]> secretSha256() {
        return secretSha256.map(byte[]::clone);
    }

    @Override
    public String toString() {
        // Never prints the secret hash or keys.
        return "RegisteredClient[" + clientId + ", " + authMethod.value() + (fapi ? ", fapi" : "")
                + (requireSignedRequestObject ? ", signed requests" : "") + (dpopBoundAccessTokens ? ", dpop" : "")
                + (mtls.certificateBoundAccessTokens() ? ", certificate-bound" : "")
                + feed.deliveryMethod().map(m -> ", feed " + m.name().toLowerCase(java.util.Locale.ROOT)).orElse("") + "]";
    }
}
