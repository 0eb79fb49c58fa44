package jp.jpkigate.idp.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import jp.jpkigate.idp.mtls.MtlsOptions;

/**
 * The OP's configuration: its issuer identifier and what it offers. Immutable; the constructor
 * rejects a bad configuration listing every problem. Endpoint URLs are the issuer followed by the
 * endpoint's path; the gateway mounts {@code OpenIdProviderRoutes} at the issuer's path.
 *
 * @param issuer            RFC 8414 §2 issuer: https (http only on a loopback host, for
 *                          development), no query, no fragment, no trailing slash
 * @param scopesSupported   the scopes clients may be registered for; {@code openid} among them
 * @param claimsSupported   OIDC Discovery {@code claims_supported}
 * @param acrValuesSupported OIDC Discovery {@code acr_values_supported}
 * @param requirePushedAuthorizationRequests RFC 9126 §5: every client must use PAR
 * @param pushedRequestLifetime RFC 9126 {@code expires_in} of a request_uri (10-600 s; default 60 s)
 * @param maxRequestBodyBytes the largest form body accepted; larger ones get 413
 * @param requireSignedRequestObject RFC 9101 §10.5: every client must send signed request objects
 * @param mtls              RFC 8705: where client certificates come from and the CAs of
 *                          {@code tls_client_auth} clients; {@link MtlsOptions#none()} offers no mutual TLS
 */
public record OpenIdProviderConfig(
        URI issuer,
        Set<String> scopesSupported,
        Set<String> claimsSupported,
        List<String> acrValuesSupported,
        boolean requirePushedAuthorizationRequests,
        Duration pushedRequestLifetime,
        int maxRequestBodyBytes,
        boolean requireSignedRequestObject,
        MtlsOptions mtls) {

    public static final String AUTHORIZATION_PATH = "/authorize";
    public static final String TOKEN_PATH = "/token";
    public static final String PAR_PATH = "/par";
    public static final String JWKS_PATH = "/jwks";
    public static final String USERINFO_PATH = "/userinfo";
    /** OpenID Connect RP-Initiated Logout 1.0 {@code end_session_endpoint}. */
    public static final String LOGOUT_PATH = "/logout";
    /** RFC 7662 token introspection. */
    public static final String INTROSPECTION_PATH = "/introspect";
    /** RFC 7009 token revocation. */
    public static final String REVOCATION_PATH = "/revoke";

    public OpenIdProviderConfig {
        Objects.requireNonNull(issuer, "issuer");
        scopesSupported = Set.copyOf(scopesSupported);
        claimsSupported = Set.copyOf(claimsSupported);
        acrValuesSupported = List.copyOf(acrValuesSupported);
        Objects.requireNonNull(pushedRequestLifetime, "pushedRequestLifetime");
        Objects.requireNonNull(mtls, "mtls");
        List<String> problems = new ArrayList<>();
        String scheme = issuer.getScheme() == null ? "" : issuer.getScheme().toLowerCase(Locale.ROOT);
        String host = issuer.getHost() == null ? "" : issuer.getHost().toLowerCase(Locale.ROOT);
        boolean loopback = Set.of("localhost", "127.0.0.1", "[::1]").contains(host);
        if (!(scheme.equals("https") || scheme.equals("http") && loopback) || host.isEmpty()) {
            problems.add("issuer must be an https URL (http only on localhost / 127.0.0.1 / [::1])");
        }
        if (issuer.getRawQuery() != null || issuer.getRawFragment() != null || issuer.toString().endsWith("/")) {
            problems.add("issuer must have no query, fragment or trailing slash (RFC 8414 section 2)");
        }
        if (!scopesSupported.contains("openid")) {
            problems.add("scopesSupported must contain openid");
        }
        if (pushedRequestLifetime.compareTo(Duration.ofSeconds(10)) < 0 || pushedRequestLifetime.compareTo(Duration.ofMinutes(10)) > 0) {
            problems.add("pushedRequestLifetime must be between 10 s and 10 min");
        }
        if (maxRequestBodyBytes < 1024 || maxRequestBodyBytes > 1 << 20) {
            problems.add("maxRequestBodyBytes must be between 1 KiB and 1 MiB");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("OpenID Provider configuration: " + String.join("; ", problems));
        }
    }

    /**
     * Defaults for an issuer: scopes openid profile name address birthdate gender offline_access and
     * the back-end API scopes ({@link jp.jpkigate.idp.client.ApiScopes}), PAR per client, 60 s request
     * URIs, 64 KiB bodies.
     */
    public static OpenIdProviderConfig defaults(String issuer) {
        Set<String> scopes = new java.util.HashSet<>(
                Set.of("openid", "profile", "name", "address", "birthdate", "gender", "offline_access"));
        scopes.addAll(jp.jpkigate.idp.client.ApiScopes.ALL);
        try {
            return new OpenIdProviderConfig(new URI(issuer), scopes,
                    Set.of("sub", "iss", "aud", "exp", "iat", "auth_time", "nonce", "acr", "amr",
                            "name", "family_name", "given_name", "address", "birthdate", "gender", "verified_claims"),
                    List.of(),
                    false, Duration.ofSeconds(60), 64 * 1024);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("issuer is not a URI", e);
        }
    }

    /** Without mutual TLS. */
    public OpenIdProviderConfig(URI issuer, Set<String> scopesSupported, Set<String> claimsSupported,
                                List<String> acrValuesSupported, boolean requirePushedAuthorizationRequests,
                                Duration pushedRequestLifetime, int maxRequestBodyBytes, boolean requireSignedRequestObject) {
        this(issuer, scopesSupported, claimsSupported, acrValuesSupported, requirePushedAuthorizationRequests,
                pushedRequestLifetime, maxRequestBodyBytes, requireSignedRequestObject, MtlsOptions.none());
    }

    /** This configuration with client certificates from {@code options}. */
    public OpenIdProviderConfig withMtls(MtlsOptions options) {
        return new OpenIdProviderConfig(issuer, scopesSupported, claimsSupported, acrValuesSupported,
                requirePushedAuthorizationRequests, pushedRequestLifetime, maxRequestBodyBytes, requireSignedRequestObject,
                options);
    }

    /** Without an OP-wide signed request object requirement (clients may still require it). */
    public OpenIdProviderConfig(URI issuer, Set<String> scopesSupported, Set<String> claimsSupported,
                                List<String> acrValuesSupported, boolean requirePushedAuthorizationRequests,
                                Duration pushedRequestLifetime, int maxRequestBodyBytes) {
        this(issuer, scopesSupported, claimsSupported, acrValuesSupported, requirePushedAuthorizationRequests,
                pushedRequestLifetime, maxRequestBodyBytes, false);
    }

    public String endpoint(String path) {
        return issuer + path;
    }

    public String authorizationEndpoint() {
        return endpoint(AUTHORIZATION_PATH);
    }

    public String tokenEndpoint() {
        return endpoint(TOKEN_PATH);
    }

    public String pushedAuthorizationRequestEndpoint() {
        return endpoint(PAR_PATH);
    }

    public String jwksUri() {
        return endpoint(JWKS_PATH);
    }

    public String userinfoEndpoint() {
        return endpoint(USERINFO_PATH);
    }

    public String endSessionEndpoint() {
        return endpoint(LOGOUT_PATH);
    }

    public String introspectionEndpoint() {
        return endpoint(INTROSPECTION_PATH);
    }

    public String revocationEndpoint() {
        return endpoint(REVOCATION_PATH);
    }

    /**
     * RFC 9126 §2: the audiences a client assertion may name — issuer, token and PAR endpoints. A
     * FAPI client's may name only the issuer, as a string (FAPI 2.0 Security Profile §5.3.2.1).
     */
    public Set<String> clientAssertionAudiences() {
        return Set.of(issuer.toString(), tokenEndpoint(), pushedAuthorizationRequestEndpoint());
    }
}
