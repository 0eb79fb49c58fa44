package jp.jpkigate.idp.discovery;

import com.nimbusds.jose.JWSAlgorithm;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import jp.jpkigate.idp.client.GrantTypes;
import jp.jpkigate.idp.client.TokenEndpointAuthMethod;
import jp.jpkigate.idp.config.OpenIdProviderConfig;
import jp.jpkigate.idp.key.JwsAlgorithms;
import jp.jpkigate.idp.key.SigningKeys;
import jp.jpkigate.idp.token.IdentityClaims;

/**
 * The OP's metadata: OpenID Connect Discovery 1.0 §3 and RFC 8414 §2 (one document serves both),
 * with RFC 9126 §5, RFC 9101 §10.2, RFC 9207 §3, RFC 9449 §5.1, RFC 7662 / RFC 7009 (RFC 8414 §2), RFC 9701 §7,
 * (with mutual TLS) RFC 8705 §3.3 and OIDC logout members and those of OpenID Connect for Identity
 * Assurance 1.0 ({@link IdentityClaims#assuranceMetadata()}). It lists only what the OP implements
 * (or, for the authorization, token and userinfo endpoints, what this slice reserves for them); the
 * mutual-TLS members only when the gateway can receive client certificates. Mutual TLS is served on
 * the same host and port as everything else, so there are no {@code mtls_endpoint_aliases} (RFC 8705 §5).
 */
public final class ProviderMetadata {
    private ProviderMetadata() {
    }

    public static Map<String, Object> build(OpenIdProviderConfig config, SigningKeys keys) {
        List<String> algs = JwsAlgorithms.SUPPORTED.stream().map(JWSAlgorithm::getName).toList();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("issuer", config.issuer().toString());
        m.put("authorization_endpoint", config.authorizationEndpoint());
        m.put("token_endpoint", config.tokenEndpoint());
        m.put("pushed_authorization_request_endpoint", config.pushedAuthorizationRequestEndpoint());
        m.put("jwks_uri", config.jwksUri());
        m.put("userinfo_endpoint", config.userinfoEndpoint());
        m.put("scopes_supported", new TreeSet<>(config.scopesSupported()).stream().toList());
        m.put("response_types_supported", List.of("code"));
        m.put("response_modes_supported", List.of("query"));
        m.put("grant_types_supported", GrantTypes.SUPPORTED);
        m.put("code_challenge_methods_supported", List.of("S256"));
        List<String> authMethods = new ArrayList<>(List.of(TokenEndpointAuthMethod.PRIVATE_KEY_JWT.value()));
        if (config.mtls().enabled()) {
            authMethods.add(TokenEndpointAuthMethod.TLS_CLIENT_AUTH.value());
            authMethods.add(TokenEndpointAuthMethod.SELF_SIGNED_TLS_CLIENT_AUTH.value());
        }
        authMethods.add(TokenEndpointAuthMethod.CLIENT_SECRET_BASIC.value());
        m.put("token_endpoint_auth_methods_supported", authMethods);
        m.put("token_endpoint_auth_signing_alg_values_supported", algs);
        // RFC 7662 / RFC 7009 / RFC 9701: the same client authentication as the token endpoint.
        m.put("introspection_endpoint", config.introspectionEndpoint());
        m.put("introspection_endpoint_auth_methods_supported", m.get("token_endpoint_auth_methods_supported"));
        m.put("introspection_endpoint_auth_signing_alg_values_supported", algs);
        m.put("introspection_signing_alg_values_supported", List.of(keys.currentAlgorithm().getName()));
        m.put("revocation_endpoint", config.revocationEndpoint());
        m.put("revocation_endpoint_auth_methods_supported", m.get("token_endpoint_auth_methods_supported"));
        m.put("revocation_endpoint_auth_signing_alg_values_supported", algs);
        m.put("id_token_signing_alg_values_supported", keys.algorithms().stream().map(JWSAlgorithm::getName).toList());
        m.put("subject_types_supported", List.of("pairwise"));
        m.put("claims_supported", new TreeSet<>(config.claimsSupported()).stream().toList());
        m.put("claims_parameter_supported", true);
        m.putAll(IdentityClaims.assuranceMetadata());
        m.put("request_parameter_supported", true);
        m.put("request_object_signing_alg_values_supported", algs);
        m.put("require_signed_request_object", config.requireSignedRequestObject());
        // Only the PAR endpoint's own request_uri values: no fetching of client-hosted request objects.
        m.put("request_uri_parameter_supported", false);
        m.put("require_pushed_authorization_requests", config.requirePushedAuthorizationRequests());
        m.put("authorization_response_iss_parameter_supported", true);
        if (config.mtls().enabled()) {
            m.put("tls_client_certificate_bound_access_tokens", true);
        }
        m.put("dpop_signing_alg_values_supported", algs);
        // OpenID Connect RP-Initiated Logout 1.0 §2.1 and Back-Channel Logout 1.0 §2.1.
        m.put("end_session_endpoint", config.endSessionEndpoint());
        m.put("backchannel_logout_supported", true);
        m.put("backchannel_logout_session_supported", true);
        if (!config.acrValuesSupported().isEmpty()) {
            m.put("acr_values_supported", config.acrValuesSupported());
        }
        return m;
    }
}
