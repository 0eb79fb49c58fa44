package jp.jpkigate.idp.client;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.JSONArrayUtils;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jp.jpkigate.idp.key.JwsAlgorithms;

/**
 * The registered relying parties, from a JSON array of RFC 7591 §2 client metadata objects (the
 * configuration file). Validation reports every mistake at once, each prefixed with the client's
 * position and id. Immutable.
 *
 * <p>Members of a client object:
 * <ul>
 *   <li>{@code client_id} (required, unique), {@code client_name};</li>
 *   <li>{@code redirect_uris} (required): absolute {@code https} URIs without fragment, or
 *       {@code http} on the loopback hosts {@code localhost}, {@code 127.0.0.1}, {@code [::1]} for
 *       development; a request must repeat one exactly;</li>
 *   <li>{@code token_endpoint_auth_method}: {@code private_key_jwt} (default) with inline
 *       {@code jwks} of public ES256 / PS256 / EdDSA keys or a {@code jwks_uri} (https; http on
 *       loopback for development) where they are fetched, or {@code client_secret_basic} with
 *       {@code client_secret_sha256} (hex SHA-256 of the secret; the secret itself is never in the
 *       file) and only when {@code "fapi": false};</li>
 *   <li>{@code fapi} (default {@code true}): FAPI 2.0 client — private_key_jwt and PAR required;</li>
 *   <li>{@code require_pushed_authorization_requests} (RFC 9126 §6; default: the value of {@code fapi});</li>
 *   <li>{@code scope}: space-separated scopes the client may request; must contain {@code openid};</li>
 *   <li>{@code sector_identifier_uri} (https) or {@code sector_name}: the pairwise sector (OIDC
 *       Core §8.1); without either, all redirect URIs must share one host, which is the sector;</li>
 *   <li>{@code grant_types} ⊆ [authorization_code, refresh_token], {@code response_types} ⊆ [code],
 *       {@code subject_type} = pairwise: accepted when consistent.</li>
 * </ul>
 * Unknown members are refused so a typo in the file never silently weakens a client.
 */
public final class ClientRegistry {
    private static final Set<String> KNOWN = Set.of("client_id", "client_name", "redirect_uris",
            "token_endpoint_auth_method", "jwks", "jwks_uri", "fapi", "require_pushed_authorization_requests",
            "scope", "sector_identifier_uri", "sector_name", "grant_types", "response_types", "subject_type",
            "client_secret_sha256", "client_secret");
    private static final int MAX_JSON_CHARS = 1 << 20;

    private final Map<String, RegisteredClient> clients;

    private ClientRegistry(Map<String, RegisteredClient> clients) {
        this.clients = Map.copyOf(clients);
    }

    /** A registry of already validated clients. */
    public static ClientRegistry of(Collection<RegisteredClient> clients) {
        Map<String, RegisteredClient> byId = new LinkedHashMap<>();
        for (RegisteredClient c : clients) {
            if (byId.putIfAbsent(c.clientId(), c) != null) {
                throw new IllegalArgumentException("client_id repeated: " + c.clientId());
            }
        }
        return new ClientRegistry(byId);
    }

    /** Parses without restricting scope values beyond their syntax. */
    public static ClientRegistry parse(String json) throws ClientRegistryException {
        return parse(json, Set.of());
    }

    /**
     * Parses and validates the registry.
     *
     * @param supportedScopes the OP's scopes; when not empty, a client may only list these
     * @throws ClientRegistryException with every problem found; nothing else is thrown
     */
    public static ClientRegistry parse(String json, Set<String> supportedScopes) throws ClientRegistryException {
        if (json == null || json.length() > MAX_JSON_CHARS) {
            throw new ClientRegistryException(List.of("the registry is missing or larger than 1 MiB"));
        }
        List<Object> array;
        try {
            array = JSONArrayUtils.parse(json);
        } catch (java.text.ParseException | RuntimeException | StackOverflowError e) {
            throw new ClientRegistryException(List.of("not a JSON array of client metadata objects"));
        }
        if (array == null) {
            throw new ClientRegistryException(List.of("not a JSON array of client metadata objects"));
        }
        List<String> problems = new ArrayList<>();
        Map<String, RegisteredClient> clients = new LinkedHashMap<>();
        for (int i = 0; i < array.size(); i++) {
            Object element = array.get(i);
            if (!(element instanceof Map<?, ?> map)) {
                problems.add("client[" + i + "]: not a JSON object");
                continue;
            }
            Object id = map.get("client_id");
            String label = "client[" + i + "]" + (id instanceof String s ? " (" + printable(s) + ")" : "");
            try {
                ClientMetadataReader reader = new ClientMetadataReader(map, label, supportedScopes, KNOWN);
                Optional<RegisteredClient> client = reader.read();
                problems.addAll(reader.problems());
                if (client.isPresent() && clients.putIfAbsent(client.get().clientId(), client.get()) != null) {
                    problems.add(label + ": client_id repeated");
                }
            } catch (RuntimeException | StackOverflowError e) {
                problems.add(label + ": unreadable client metadata");
            }
        }
        if (!problems.isEmpty()) {
            throw new ClientRegistryException(problems);
        }
        return new ClientRegistry(clients);
    }

    public Optional<RegisteredClient> find(String clientId) {
        return clientId == null ? Optional.empty() : Optional.ofNullable(clients.get(clientId));
    }

    public Collection<RegisteredClient> all() {
        return clients.values();
    }

    static String printable(String s) {
        String cut = s.length() > 80 ? s.substring(0, 80) + "..." : s;
        StringBuilder out = new StringBuilder();
        cut.codePoints().forEach(c -> out.appendCodePoint(c >= 0x20 && c != 0x7f ? c : '?'));
        return out.toString();
    }

    /** Reads one client object, collecting problems instead of stopping at the first. */
    private static final class ClientMetadataReader {
        private final Map<?, ?> map;
        private final String label;
        private final Set<String> supportedScopes;
        private final List<String> problems = new ArrayList<>();

        ClientMetadataReader(Map<?, ?> map, String label, Set<String> supportedScopes, Set<String> known) {
            this.map = map;
            this.label = label;
            this.supportedScopes = supportedScopes;
            for (Object key : map.keySet()) {
                if (!known.contains(String.valueOf(key))) {
                    problem("unknown member \"" + printable(String.valueOf(key)) + "\"");
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
            List<URI> redirectUris = redirectUris();
            TokenEndpointAuthMethod method = authMethod(fapi);
            Optional<JWKSet> jwks = jwks(method);
            Optional<URI> jwksUri = jwksUri(method);
            Optional<byte[]> secret = secret(method);
            Set<String> scopes = scopes();
            String sector = sector(redirectUris);
            checkList("grant_types", Set.of("authorization_code", "refresh_token"));
            checkList("response_types", Set.of("code"));
            String subjectType = string("subject_type", false);
            if (subjectType != null && !"pairwise".equals(subjectType)) {
                problem("subject_type must be \"pairwise\" (the only subject type)");
            }
            if (!problems.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new RegisteredClient(clientId, redirectUris, method, jwks, jwksUri, sector, requirePar, fapi,
                    scopes, secret, clientName));
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

        private List<URI> redirectUris() {
            Object v = map.get("redirect_uris");
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
            String shown = printable(s);
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
            boolean loopback = Set.of("localhost", "127.0.0.1", "[::1]").contains(uri.getHost().toLowerCase(Locale.ROOT));
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
                problem("token_endpoint_auth_method must be private_key_jwt or client_secret_basic");
                return TokenEndpointAuthMethod.PRIVATE_KEY_JWT;
            }
            if (fapi && method.get() == TokenEndpointAuthMethod.CLIENT_SECRET_BASIC) {
                problem("client_secret_basic is allowed only for clients with \"fapi\": false");
            }
            return method.get();
        }

        private Optional<JWKSet> jwks(TokenEndpointAuthMethod method) {
            if (map.containsKey("jwks_uri") && map.containsKey("jwks")) {
                problem("give jwks or jwks_uri, not both (RFC 7591 section 2)");
            }
            Object v = map.get("jwks");
            if (v == null) {
                if (method == TokenEndpointAuthMethod.PRIVATE_KEY_JWT && !map.containsKey("jwks_uri")) {
                    problem("private_key_jwt needs the client's public keys: \"jwks\" or \"jwks_uri\"");
                }
                return Optional.empty();
            }
            if (method != TokenEndpointAuthMethod.PRIVATE_KEY_JWT) {
                problem("jwks is only used with private_key_jwt");
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
                String kid = key.getKeyID() == null ? "(no kid)" : printable(key.getKeyID());
                if (key.isPrivate() || key instanceof com.nimbusds.jose.jwk.OctetSequenceKey) {
                    problem("jwks key " + kid + " contains private or symmetric key material; publish public keys only");
                } else if (JwsAlgorithms.algorithmOf(key).isEmpty()) {
                    problem("jwks key " + kid + " is not an ES256 (P-256), PS256 (RSA >= 2048 bits) or EdDSA (Ed25519) key");
                } else if (key.getKeyUse() != null && !"sig".equals(key.getKeyUse().identifier())) {
                    problem("jwks key " + kid + " is not for signatures (use)");
                } else if (key.getKeyID() != null && !kids.add(key.getKeyID())) {
                    problem("jwks kid " + kid + " repeated");
                } else {
                    usable.add(key);
                }
            }
            if (set.getKeys().isEmpty()) {
                problem("jwks has no keys");
            }
            return Optional.of(new JWKSet(usable));
        }

        private Optional<URI> jwksUri(TokenEndpointAuthMethod method) {
            String value = string("jwks_uri", false);
            if (value == null) {
                return Optional.empty();
            }
            if (method != TokenEndpointAuthMethod.PRIVATE_KEY_JWT) {
                problem("jwks_uri is only used with private_key_jwt");
            }
            try {
                URI uri = new URI(value);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
                boolean loopback = Set.of("localhost", "127.0.0.1", "[::1]").contains(host);
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

        private Set<String> scopes() {
            String value = string("scope", false);
            Set<String> scopes = new LinkedHashSet<>();
            if (value == null) {
                scopes.add("openid");
                return scopes;
            }
            for (String token : value.split(" ", -1)) {
                if (!ScopeSyntax.isScopeToken(token)) {
                    problem("scope \"" + printable(value) + "\" is not space-separated scope tokens");
                    return scopes;
                }
                if (!supportedScopes.isEmpty() && !supportedScopes.contains(token)) {
                    problem("scope " + printable(token) + " is not supported by the OP");
                }
                scopes.add(token);
            }
            if (!scopes.contains("openid")) {
                problem("scope must contain openid");
            }
            return scopes;
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
}
