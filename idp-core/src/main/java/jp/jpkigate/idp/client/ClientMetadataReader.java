package jp.jpkigate.idp.client;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jp.jpkigate.idp.key.JwsAlgorithms;
import jp.jpkigate.idp.mtls.CertificateSubject;
import jp.jpkigate.idp.mtls.MtlsClientMetadata;

/** Reads one client object, collecting problems instead of stopping at the first. */
final class ClientMetadataReader {
    private static final String KEYS_ONLY_WITH = "is only used with private_key_jwt, self_signed_tls_client_auth"
            + " or tls_client_auth";
    private final Map<?, ?> map;
    private final String label;
    private final Set<String> supportedScopes;
    private final List<String> problems = new ArrayList<>();
    private final List<JWK> encryptionKeys = new ArrayList<>();

    ClientMetadataReader(Map<?, ?> map, String label, Set<String> supportedScopes, Set<String> known) {
        this.map = map;
        this.label = label;
        this.supportedScopes = supportedScopes;
        for (Object key : map.keySet()) {
            if (!known.contains(String.valueOf(key))) {
                problem("unknown member \"" + ClientRegistry.printable(String.valueOf(key)) + "\"");
            }
        }
    }

    List<String> problems() {
        return problems;
    }

    private void problem(String text) {
        problems.add(label + ": " + text);
    }

    Optional<RegisteredClient> read() {
        String clientId = string("client_id", true);
        if (clientId != null && (clientId.isEmpty() || clientId.length() > 255 || !visibleAscii(clientId))) {
            problem("client_id must be 1-255 visible ASCII characters");
        }
        Optional<String> clientName = Optional.ofNullable(string("client_name", false));
        boolean fapi = bool("fapi", true);
        boolean requirePar = bool("require_pushed_authorization_requests", fapi);
        if (fapi && !requirePar) {
            problem("a FAPI client must use PAR (require_pushed_authorization_requests cannot be false)");
        }
        Set<String> grantTypes = grantTypes();
        boolean codeFlow = grantTypes.contains(GrantTypes.AUTHORIZATION_CODE);
        List<URI> redirectUris = redirectUris(codeFlow);
        TokenEndpointAuthMethod method = authMethod(fapi);
        boolean feed = FeedMetadataReader.requested(map);
        Optional<JWKSet> jwks = jwks(method, feed);
        Optional<URI> jwksUri = jwksUri(method, feed);
        boolean requireSignedRequestObject = bool("require_signed_request_object", false);
        boolean signatureKeys = map.containsKey("jwks_uri")
                || map.containsKey("jwks") && jwks.map(set -> !set.getKeys().isEmpty()).orElse(true);
        if (requireSignedRequestObject && !signatureKeys) {
            problem("require_signed_request_object needs the client's public keys (jwks or jwks_uri)");
        }
        MtlsClientMetadata mtls = mtls(method);
        boolean dpopBound = dpopBound(fapi, mtls.certificateBoundAccessTokens());
        Optional<byte[]> secret = secret(method);
        Set<String> scopes = scopes(codeFlow);
        checkApiScopes(grantTypes, scopes);
        String sector = sector(redirectUris);
        checkList("response_types", Set.of("code"));
        LogoutMetadata logout = new LogoutMetadataReader(map, this::problem).read();
        FeedMetadata feedMetadata = new FeedMetadataReader(map, this::problem)
                .read(new JWKSet(encryptionKeys), map.containsKey("jwks_uri"));
        String subjectType = string("subject_type", false);
        if (subjectType != null && !"pairwise".equals(subjectType)) {
            problem("subject_type must be \"pairwise\" (the only subject type)");
        }
        if (!problems.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new RegisteredClient(clientId, redirectUris, method, jwks, jwksUri, sector, requirePar, fapi,
                scopes, secret, clientName, requireSignedRequestObject, dpopBound, logout, grantTypes, mtls, feedMetadata));
    }

    private String string(String name, boolean required) {
        Object v = map.get(name);
        if (v == null) {
            if (required) {
                problem(name + " is required");
            }
            return null;
        }
        if (!(v instanceof String s)) {
            problem(name + " must be a string");
            return null;
        }
        return s;
    }

    private boolean bool(String name, boolean defaultValue) {
        Object v = map.get(name);
        if (v == null) {
            return defaultValue;
        }
        if (!(v instanceof Boolean b)) {
            problem(name + " must be true or false");
            return defaultValue;
        }
        return b;
    }

    /** Required for the authorization code flow; a client without it (client_credentials only) has none. */
    private List<URI> redirectUris(boolean codeFlow) {
        Object v = map.get("redirect_uris");
        if (!codeFlow) {
            if (v != null) {
                problem("redirect_uris are only used with the authorization_code grant");
            }
            return List.of();
        }
        if (!(v instanceof List<?> list) || list.isEmpty()) {
            problem("redirect_uris must be a non-empty array of URIs");
            return List.of();
        }
        List<URI> uris = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof String s)) {
                problem("redirect_uris: every entry must be a string");
                continue;
            }
            redirectUri(s).ifPresent(uris::add);
        }
        return uris;
    }

    private Optional<URI> redirectUri(String s) {
        String shown = ClientRegistry.printable(s);
        URI uri;
        try {
            uri = new URI(s);
        } catch (URISyntaxException e) {
            problem("redirect_uri " + shown + " is not a URI");
            return Optional.empty();
        }
        if (s.length() > 2000 || !uri.isAbsolute() || uri.getHost() == null || uri.getRawFragment() != null) {
            problem("redirect_uri " + shown + " must be absolute, with a host, without fragment, at most 2000 characters");
            return Optional.empty();
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        boolean loopback = EndpointUris.LOOPBACK.contains(uri.getHost().toLowerCase(Locale.ROOT));
        if (!scheme.equals("https") && !(scheme.equals("http") && loopback)) {
            problem("redirect_uri " + shown + " must use https (http only on localhost / 127.0.0.1 / [::1])");
            return Optional.empty();
        }
        return Optional.of(uri);
    }

    private TokenEndpointAuthMethod authMethod(boolean fapi) {
        String value = string("token_endpoint_auth_method", false);
        if (value == null) {
            return TokenEndpointAuthMethod.PRIVATE_KEY_JWT;
        }
        Optional<TokenEndpointAuthMethod> method = TokenEndpointAuthMethod.parse(value);
        if (method.isEmpty()) {
            problem("token_endpoint_auth_method must be private_key_jwt, tls_client_auth, self_signed_tls_client_auth"
                    + " or client_secret_basic");
            return TokenEndpointAuthMethod.PRIVATE_KEY_JWT;
        }
        if (fapi && method.get() == TokenEndpointAuthMethod.CLIENT_SECRET_BASIC) {
            problem("client_secret_basic is allowed only for clients with \"fapi\": false");
        }
        return method.get();
    }

    /**
     * The client's inline signature keys; its {@code "use": "enc"} keys go to {@link #encryptionKeys}
     * (for the feed, never for verification). A client that authenticates without keys may still
     * give {@code jwks} for the feed, with encryption keys only.
     */
    private Optional<JWKSet> jwks(TokenEndpointAuthMethod method, boolean feed) {
        if (map.containsKey("jwks_uri") && map.containsKey("jwks")) {
            problem("give jwks or jwks_uri, not both (RFC 7591 section 2)");
        }
        Object v = map.get("jwks");
        if (v == null) {
            if (needsKeys(method) && !map.containsKey("jwks_uri")) {
                problem(method.value() + " needs the client's public keys: \"jwks\" or \"jwks_uri\"");
            }
            return Optional.empty();
        }
        if (!usesKeys(method) && !feed) {
            problem("jwks " + KEYS_ONLY_WITH);
        }
        JWKSet set;
        try {
            if (!(v instanceof Map<?, ?> m)) {
                throw new java.text.ParseException("not an object", 0);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> json = (Map<String, Object>) m;
            set = JWKSet.parse(json);
        } catch (java.text.ParseException | RuntimeException e) {
            problem("jwks must be a JWK Set object {\"keys\": [...]}");
            return Optional.empty();
        }
        List<JWK> usable = new ArrayList<>();
        Set<String> kids = new LinkedHashSet<>();
        for (JWK key : set.getKeys()) {
            String kid = key.getKeyID() == null ? "(no kid)" : ClientRegistry.printable(key.getKeyID());
            if (key.isPrivate() || key instanceof com.nimbusds.jose.jwk.OctetSequenceKey) {
                problem("jwks key " + kid + " contains private or symmetric key material; publish public keys only");
            } else if (FeedEncryptionKeys.isEncryptionKey(key)) {
                encryptionKey(key, kid, kids);
            } else if (JwsAlgorithms.algorithmOf(key).isEmpty()) {
                problem("jwks key " + kid + " is not an ES256 (P-256), PS256 (RSA >= 2048 bits) or EdDSA (Ed25519) key");
            } else if (key.getKeyUse() != null && !"sig".equals(key.getKeyUse().identifier())) {
                problem("jwks key " + kid + " is neither for signatures nor for encryption (use)");
            } else if (key.getKeyID() != null && !kids.add(key.getKeyID())) {
                problem("jwks kid " + kid + " repeated");
            } else if (!usesKeys(method)) {
                problem("jwks key " + kid + " is a signature key, which " + KEYS_ONLY_WITH);
            } else {
                usable.add(key);
            }
        }
        if (set.getKeys().isEmpty()) {
            problem("jwks has no keys");
        }
        if (needsKeys(method) && usable.isEmpty() && !encryptionKeys.isEmpty()) {
            problem(method.value() + " needs a signature key in jwks; \"use\": \"enc\" keys never verify signatures");
        }
        return usable.isEmpty() && !usesKeys(method) ? Optional.empty() : Optional.of(new JWKSet(usable));
    }

    /** A {@code "use": "enc"} key: kept apart from the signature keys ({@link FeedEncryptionKeys}). */
    private void encryptionKey(JWK key, String kid, Set<String> kids) {
        Optional<String> refused = FeedEncryptionKeys.problem(key);
        if (refused.isPresent()) {
            problem("jwks encryption key " + kid + " " + refused.get());
        } else if (!kids.add(key.getKeyID())) {
            problem("jwks kid " + kid + " repeated");
        } else {
            encryptionKeys.add(key);
        }
    }

    /** The methods that authenticate with the client's keys: assertions, or the key in a self-signed certificate. */
    private static boolean needsKeys(TokenEndpointAuthMethod method) {
        return method == TokenEndpointAuthMethod.PRIVATE_KEY_JWT || method == TokenEndpointAuthMethod.SELF_SIGNED_TLS_CLIENT_AUTH;
    }

    /** Those, and tls_client_auth, whose clients may still sign request objects. */
    private static boolean usesKeys(TokenEndpointAuthMethod method) {
        return needsKeys(method) || method == TokenEndpointAuthMethod.TLS_CLIENT_AUTH;
    }

    /**
     * RFC 8705: a {@code tls_client_auth} client registers exactly one certificate subject
     * (§2.1.2); any client may ask for certificate-bound access tokens (§3.4, default false).
     */
    private MtlsClientMetadata mtls(TokenEndpointAuthMethod method) {
        boolean bound = bool("tls_client_certificate_bound_access_tokens", false);
        List<CertificateSubject> subjects = new ArrayList<>();
        int given = 0;
        for (CertificateSubject.Kind kind : CertificateSubject.Kind.values()) {
            given += map.containsKey(kind.member()) ? 1 : 0;
            String value = string(kind.member(), false);
            if (value == null) {
                continue;
            }
            if (method != TokenEndpointAuthMethod.TLS_CLIENT_AUTH) {
                problem(kind.member() + " is only used with tls_client_auth");
                continue;
            }
            try {
                subjects.add(CertificateSubject.parse(kind, value));
            } catch (IllegalArgumentException e) {
                problem(e.getMessage());
            }
        }
        if (method == TokenEndpointAuthMethod.TLS_CLIENT_AUTH && given != 1) {
            problem("tls_client_auth needs exactly one of tls_client_auth_subject_dn, tls_client_auth_san_dns,"
                    + " tls_client_auth_san_uri, tls_client_auth_san_ip, tls_client_auth_san_email (RFC 8705 section 2.1.2)");
        }
        return new MtlsClientMetadata(subjects.size() == 1 ? Optional.of(subjects.get(0)) : Optional.empty(), bound);
    }

    /**
     * RFC 9449 §5.2 {@code dpop_bound_access_tokens}, default: a FAPI client's tokens are DPoP-bound
     * unless they are certificate-bound (RFC 8705 §3.4). A FAPI client's access tokens are
     * sender-constrained (FAPI 2.0 §5.3.2.1), by one binding: neither or both is a problem.
     */
    private boolean dpopBound(boolean fapi, boolean certificateBound) {
        boolean dpopBound = bool("dpop_bound_access_tokens", fapi && !certificateBound);
        if (dpopBound && certificateBound) {
            problem("dpop_bound_access_tokens and tls_client_certificate_bound_access_tokens cannot both be true:"
                    + " an access token is bound to a DPoP key or to a client certificate");
        }
        if (fapi && !dpopBound && !certificateBound) {
            problem("a FAPI client gets sender-constrained access tokens only: dpop_bound_access_tokens or"
                    + " tls_client_certificate_bound_access_tokens must be true");
        }
        return dpopBound;
    }

    private Optional<URI> jwksUri(TokenEndpointAuthMethod method, boolean feed) {
        String value = string("jwks_uri", false);
        if (value == null) {
            return Optional.empty();
        }
        if (!usesKeys(method) && !feed) {
            problem("jwks_uri " + KEYS_ONLY_WITH);
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
            boolean loopback = EndpointUris.LOOPBACK.contains(host);
            if (host.isEmpty() || uri.getRawFragment() != null || !(scheme.equals("https") || scheme.equals("http") && loopback)) {
                problem("jwks_uri must be an https URL without fragment (http only on loopback)");
                return Optional.empty();
            }
            return Optional.of(uri);
        } catch (URISyntaxException e) {
            problem("jwks_uri is not a URI");
            return Optional.empty();
        }
    }

    private Optional<byte[]> secret(TokenEndpointAuthMethod method) {
        if (map.containsKey("client_secret")) {
            problem("client_secret in clear is not accepted; give its SHA-256 (hex) as client_secret_sha256");
        }
        String hex = string("client_secret_sha256", false);
        if (method == TokenEndpointAuthMethod.CLIENT_SECRET_BASIC && hex == null) {
            problem("client_secret_basic needs client_secret_sha256");
        }
        if (hex == null) {
            return Optional.empty();
        }
        if (method != TokenEndpointAuthMethod.CLIENT_SECRET_BASIC) {
            problem("client_secret_sha256 is only used with client_secret_basic");
        }
        if (!hex.matches("[0-9a-fA-F]{64}")) {
            problem("client_secret_sha256 must be 64 hex digits (the SHA-256 of the secret)");
            return Optional.empty();
        }
        return Optional.of(HexFormat.of().parseHex(hex.toLowerCase(Locale.ROOT)));
    }

    private Set<String> scopes(boolean codeFlow) {
        String value = string("scope", false);
        Set<String> scopes = new LinkedHashSet<>();
        if (value == null) {
            if (codeFlow) {
                scopes.add("openid");
            }
            return scopes;
        }
        for (String token : value.split(" ", -1)) {
            if (!ScopeSyntax.isScopeToken(token)) {
                problem("scope \"" + ClientRegistry.printable(value) + "\" is not space-separated scope tokens");
                return scopes;
            }
            if (!supportedScopes.isEmpty() && !supportedScopes.contains(token)) {
                problem("scope " + ClientRegistry.printable(token) + " is not supported by the OP");
            }
            scopes.add(token);
        }
        if (codeFlow && !scopes.contains("openid")) {
            problem("scope must contain openid");
        }
        return scopes;
    }

    /**
     * RFC 7591 {@code grant_types}: a subset of {@link GrantTypes#SUPPORTED}, default
     * {@link GrantTypes#DEFAULT}; {@code refresh_token} only with {@code authorization_code}.
     */
    private Set<String> grantTypes() {
        Object v = map.get("grant_types");
        if (v == null) {
            return GrantTypes.DEFAULT;
        }
        if (!(v instanceof List<?> list) || list.isEmpty() || !GrantTypes.SUPPORTED.containsAll(list)) {
            problem("grant_types must be a non-empty array of values from " + GrantTypes.SUPPORTED);
            return GrantTypes.DEFAULT;
        }
        Set<String> types = new LinkedHashSet<>();
        list.forEach(t -> types.add((String) t));
        if (types.contains(GrantTypes.REFRESH_TOKEN) && !types.contains(GrantTypes.AUTHORIZATION_CODE)) {
            problem("grant_types: refresh_token needs authorization_code");
        }
        return types;
    }

    /** API scopes ({@link ApiScopes}) go with the client_credentials grant, and that grant needs one. */
    private void checkApiScopes(Set<String> grantTypes, Set<String> scopes) {
        boolean api = scopes.stream().anyMatch(ApiScopes::isApiScope);
        boolean clientCredentials = grantTypes.contains(GrantTypes.CLIENT_CREDENTIALS);
        if (api && !clientCredentials) {
            problem("the API scopes " + ApiScopes.ALL + " need client_credentials in grant_types");
        }
        if (clientCredentials && !api) {
            problem("client_credentials needs at least one API scope " + ApiScopes.ALL + " in scope");
        }
    }

    private String sector(List<URI> redirectUris) {
        String uri = string("sector_identifier_uri", false);
        String name = string("sector_name", false);
        if (uri != null && name != null) {
            problem("give sector_identifier_uri or sector_name, not both");
        }
        if (uri != null) {
            try {
                URI parsed = new URI(uri);
                if (!"https".equalsIgnoreCase(parsed.getScheme()) || parsed.getHost() == null) {
                    problem("sector_identifier_uri must be an https URI");
                    return "";
                }
                return parsed.getHost().toLowerCase(Locale.ROOT);
            } catch (URISyntaxException e) {
                problem("sector_identifier_uri is not a URI");
                return "";
            }
        }
        if (name != null) {
            if (name.isEmpty() || name.length() > 255 || !visibleAscii(name)) {
                problem("sector_name must be 1-255 visible ASCII characters");
            }
            return name;
        }
        Set<String> hosts = new LinkedHashSet<>();
        redirectUris.forEach(u -> hosts.add(u.getHost().toLowerCase(Locale.ROOT)));
        if (hosts.size() > 1) {
            problem("redirect_uris on several hosts " + hosts + " need a sector_identifier_uri or sector_name (OIDC Core 8.1)");
        }
        return hosts.isEmpty() ? "" : hosts.iterator().next();
    }

    private void checkList(String name, Set<String> allowed) {
        Object v = map.get(name);
        if (v == null) {
            return;
        }
        if (!(v instanceof List<?> list) || !list.stream().allMatch(allowed::contains)) {
            problem(name + " must be an array of values from " + new java.util.TreeSet<>(allowed));
        }
    }

    private static boolean visibleAscii(String s) {
        return s.chars().allMatch(c -> c >= 0x21 && c <= 0x7e);
    }
}
