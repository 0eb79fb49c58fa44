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
 * @param jwks               the client's inline public keys for {@code private_key_jwt},
 *                           {@code self_signed_tls_client_auth} and request objects
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
 * @param mtls               RFC 8705: the certificate subject of a {@code tls_client_auth} client and
 *                           whether its access tokens are certificate-bound
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
        MtlsClientMetadata mtls) {

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
        Objects.requireNonNull(mtls, "mtls");
    }

    /** A client without mutual TLS. */
    public RegisteredClient(String clientId, List<URI> redirectUris, TokenEndpointAuthMethod authMethod, Optional<JWKSet> jwks,
                            Optional<URI> jwksUri, String sector, boolean requirePushedAuthorizationRequests, boolean fapi,
                            Set<String> scopes, Optional<byte[]> secretSha256, Optional<String> clientName,
                            boolean requireSignedRequestObject) {
        this(clientId, redirectUris, authMethod, jwks, jwksUri, sector, requirePushedAuthorizationRequests, fapi, scopes,
                secretSha256, clientName, requireSignedRequestObject, MtlsClientMetadata.NONE);
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
                + (requireSignedRequestObject ? ", signed requests" : "")
                + (mtls.certificateBoundAccessTokens() ? ", certificate-bound" : "") + "]";
    }
}
